#include "still.hpp"

#include <vtkPNGWriter.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkWindowToImageFilter.h>

#include "io/atomic_file.hpp"
#include "recording.hpp"
#include "scene.hpp"
#include "xvfb.hpp"

namespace strider::viz {

void render_still(const std::string& run_path, double time_s, const std::string& png_path, int width, int height) {
  const Recording rec = load_recording(run_path);
  VirtualDisplay display;
  auto renderer = vtkSmartPointer<vtkRenderer>::New();
  auto window = vtkSmartPointer<vtkRenderWindow>::New();
  window->SetOffScreenRendering(1);
  window->SetSize(width, height);
  window->SetMultiSamples(4);
  window->AddRenderer(renderer);
  RunScene scene(rec, renderer);
  scene.show_sample(rec.sample_at(time_s));
  window->Render();
  auto grab = vtkSmartPointer<vtkWindowToImageFilter>::New();
  grab->SetInput(window);
  grab->ReadFrontBufferOff();
  grab->Update();
  write_atomically(png_path, [&](const std::string& temporary) {
    auto writer = vtkSmartPointer<vtkPNGWriter>::New();
    writer->SetFileName(temporary.c_str());
    writer->SetInputConnection(grab->GetOutputPort());
    writer->Write();
  });
}

}  // namespace strider::viz
