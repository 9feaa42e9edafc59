#include "png.hpp"

#include <vtkPNGWriter.h>
#include <vtkRenderWindow.h>
#include <vtkSmartPointer.h>
#include <vtkWindowToImageFilter.h>

#include "io/atomic_file.hpp"

namespace strider::viz {

void save_png(vtkRenderWindow* window, const std::string& png_path) {
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
