#pragma once
// Saves what a render window shows as a PNG, atomically (temporary name, then rename).
#include <string>

class vtkRenderWindow;

namespace strider::viz {

void save_png(vtkRenderWindow* window, const std::string& png_path);

}  // namespace strider::viz
