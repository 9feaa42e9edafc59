#pragma once
// The muscles of a recorded sample as VTK polylines (one cell per muscle) with per-cell arrays
// `activation`, `force_per_max` (tendon force / F_max) and `fatigue` (fatigued fraction M_F),
// each when recorded; shared by the scene and the ParaView export.
#include <vtkSmartPointer.h>

#include <string>
#include <vector>

#include "dynamics/kinematics.hpp"
#include "muscle_colour.hpp"
#include "recording.hpp"

class vtkPolyData;

namespace strider::viz {

// frames must hold the forward kinematics of sample `sample` of `rec`. `colour` picks the active
// scalars. A quantity that was not recorded reads 0.
vtkSmartPointer<vtkPolyData> muscle_lines(const Recording& rec, std::size_t sample,
                                          const std::vector<BodyFrame>& frames, std::vector<Vec3>& scratch,
                                          MuscleColour colour = MuscleColour::Activation);

}  // namespace strider::viz
