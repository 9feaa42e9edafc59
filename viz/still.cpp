#include "still.hpp"

#include <vtkRenderWindow.h>
#include <vtkRenderer.h>

#include "png.hpp"
#include "recording.hpp"
#include "scene.hpp"
#include "xvfb.hpp"

namespace strider::viz {

void render_still(const std::string& run_path, double time_s, const std::string& png_path, int width,
                  int height, MuscleColour colour) {
  const Recording rec = load_recording(run_path);
  VirtualDisplay display;
  auto renderer = vtkSmartPointer<vtkRenderer>::New();
  auto window = vtkSmartPointer<vtkRenderWindow>::New();
  window->SetOffScreenRendering(1);
  window->SetSize(width, height);
  window->SetMultiSamples(4);
  window->AddRenderer(renderer);
  RunScene scene(rec, renderer, "", colour);
  scene.show_sample(rec.sample_at(time_s));
  window->Render();
  save_png(window, png_path);
}

}  // namespace strider::viz
