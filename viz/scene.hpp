#pragma once
// The VTK scene of a recorded run: segments as capsules and spheres, joints as small dark balls at
// their centres, muscles as tubes coloured by activation (blue relaxed, red fully active), or by
// tendon force per F_max or fatigued fraction (blue 0, red 1 or more), ground-reaction-force arrows
// at the centre of pressure scaled in body weights (1 BW = 0.5 m), the sloped ground with a grid,
// a camera that tracks the runner from its front right, and a heads-up line (time, speed,
// cadence, vertical force; a fall on the last frame).
#include <vtkSmartPointer.h>

#include <memory>
#include <string>
#include <vector>

#include "dynamics/kinematics.hpp"
#include "muscle_lines.hpp"
#include "recording.hpp"

class vtkRenderer;
class vtkActor;
class vtkTextActor;
class vtkPolyData;
class vtkPoints;
class vtkCellArray;
class vtkDoubleArray;

namespace strider::viz {

class RunScene {
 public:
  RunScene(const Recording& recording, vtkRenderer* renderer, const std::string& label = "",
           MuscleColour colour = MuscleColour::Activation);
  ~RunScene();
  void show_sample(std::size_t sample);

 private:
  const Recording& rec_;
  vtkRenderer* renderer_;
  std::string label_;
  MuscleColour colour_;
  std::vector<BodyFrame> frames_;
  std::vector<vtkSmartPointer<vtkActor>> body_actors_;
  std::vector<vtkSmartPointer<vtkActor>> joint_actors_;  // per body; null for the root
  std::vector<vtkSmartPointer<vtkActor>> arrow_actors_;
  vtkSmartPointer<vtkPolyData> muscle_lines_;
  vtkSmartPointer<vtkTextActor> hud_;
  std::vector<Vec3> path_points_;
};

}  // namespace strider::viz
