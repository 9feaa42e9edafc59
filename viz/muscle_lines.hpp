#pragma once
// The muscles of a recorded sample as VTK polylines (one cell per muscle) with an activation
// value per cell; shared by the scene and the ParaView export.
#include <vtkSmartPointer.h>

#include <vector>

#include "dynamics/kinematics.hpp"
#include "recording.hpp"

class vtkPolyData;

namespace strider::viz {

// frames must hold the forward kinematics of sample `sample` of `rec`.
vtkSmartPointer<vtkPolyData> muscle_lines(const Recording& rec, std::size_t sample,
                                          const std::vector<BodyFrame>& frames, std::vector<Vec3>& scratch);

}  // namespace strider::viz
