#include "video.hpp"

#include <vtkImageData.h>
#include <vtkPointData.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkSmartPointer.h>
#include <vtkUnsignedCharArray.h>
#include <vtkWindowToImageFilter.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <stdexcept>

#include "core/error.hpp"
#include "io/atomic_file.hpp"
#include "png.hpp"
#include "recording.hpp"
#include "scene.hpp"
#include "xvfb.hpp"

namespace strider::viz {

namespace {
bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}
}  // namespace

int render_video(const std::vector<std::string>& runs, const std::string& output, const VideoOptions& o) {
  namespace fs = std::filesystem;
  if (runs.empty()) throw InputError("", "run", "no run to render", "name a run file");
  std::vector<Recording> recordings;
  for (const auto& r : runs) recordings.push_back(load_recording(r));
  const bool mp4 = ends_with(output, ".mp4");
  if (!mp4) {
    std::error_code ec;
    fs::create_directories(output, ec);
    if (!fs::is_directory(output)) throw InputError(output, "", "cannot create the frame folder", "choose a writable path");
  }
  VirtualDisplay display;
  auto window = vtkSmartPointer<vtkRenderWindow>::New();
  window->SetOffScreenRendering(1);
  window->SetSize(o.width, o.height);
  // Anti-aliasing by FXAA on each renderer, not 4x multisampling: under Xvfb the rendering is in
  // software, where multisampling took twice as long per frame as none and FXAA about 1.5 times
  // (docs/performance.md); the demo's video has to fit in its two minutes.
  window->SetMultiSamples(0);
  std::vector<vtkSmartPointer<vtkRenderer>> renderers;
  std::vector<std::unique_ptr<RunScene>> scenes;
  const double share = 1.0 / static_cast<double>(recordings.size());
  for (std::size_t i = 0; i < recordings.size(); ++i) {
    auto renderer = vtkSmartPointer<vtkRenderer>::New();
    renderer->SetViewport(share * static_cast<double>(i), 0.0, share * static_cast<double>(i + 1), 1.0);
    renderer->UseFXAAOn();
    window->AddRenderer(renderer);
    const std::string label = i < o.labels.size() ? o.labels[i] : std::string();
    scenes.push_back(std::make_unique<RunScene>(recordings[i], renderer, label, o.colour));
    renderers.push_back(renderer);
  }
  // The video lasts as long as the longest run; a shorter one (a fall) holds its last frame.
  double end_s = 0.0;
  for (const auto& r : recordings) end_s = std::max(end_s, r.time_s.back());
  const int frames = std::max(1, static_cast<int>(std::floor(end_s * o.fps)) + 1);

  auto grab = vtkSmartPointer<vtkWindowToImageFilter>::New();
  grab->SetInput(window);
  grab->ReadFrontBufferOff();
  auto render_frame = [&](int k) {
    const double t = static_cast<double>(k) / o.fps;
    for (std::size_t i = 0; i < scenes.size(); ++i) scenes[i]->show_sample(recordings[i].sample_at(t));
    window->Render();
  };

  if (!mp4) {
    for (int k = 0; k < frames; ++k) {
      render_frame(k);
      char name[64];
      std::snprintf(name, sizeof name, "frame_%05d.png", k);
      save_png(window, (fs::path(output) / name).string());
    }
    return frames;
  }
  write_atomically(output, [&](const std::string& temporary) {
    // VTK's image rows run bottom-up: ffmpeg flips them.
    const std::string command = "ffmpeg -loglevel error -y -f rawvideo -pix_fmt rgb24 -s " + std::to_string(o.width) + "x" +
                                std::to_string(o.height) + " -r " + std::to_string(o.fps) +
                                " -i - -vf vflip -c:v libx264 -preset veryfast -pix_fmt yuv420p -f mp4 '" + temporary + "'";
    FILE* pipe = popen(command.c_str(), "w");
    if (!pipe) throw std::runtime_error("cannot start ffmpeg (scripts/setup.sh installs it)");
    for (int k = 0; k < frames; ++k) {
      render_frame(k);
      grab->Modified();
      grab->Update();
      vtkUnsignedCharArray* pixels = vtkUnsignedCharArray::SafeDownCast(grab->GetOutput()->GetPointData()->GetScalars());
      const std::size_t bytes = static_cast<std::size_t>(o.width) * static_cast<std::size_t>(o.height) * 3;
      if (!pixels || static_cast<std::size_t>(pixels->GetNumberOfValues()) < bytes ||
          std::fwrite(pixels->GetPointer(0), 1, bytes, pipe) != bytes) {
        pclose(pipe);
        throw std::runtime_error("writing frames to ffmpeg failed");
      }
    }
    if (pclose(pipe) != 0) throw std::runtime_error("ffmpeg failed to encode " + output);
  });
  return frames;
}

}  // namespace strider::viz
