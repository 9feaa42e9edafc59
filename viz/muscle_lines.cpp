#include "muscle_lines.hpp"

#include <vtkCellArray.h>
#include <vtkCellData.h>
#include <vtkDoubleArray.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>

#include "muscle/path.hpp"

namespace strider::viz {

vtkSmartPointer<vtkPolyData> muscle_lines(const Recording& rec, std::size_t sample,
                                          const std::vector<BodyFrame>& frames, std::vector<Vec3>& scratch,
                                          MuscleColour colour) {
  const Model& model = *rec.model;
  const VecX q = rec.q.row(static_cast<long>(sample)).transpose();
  auto points = vtkSmartPointer<vtkPoints>::New();
  auto lines = vtkSmartPointer<vtkCellArray>::New();
  const Eigen::MatrixXd* sources[3] = {&rec.activation, &rec.force_per_max, &rec.fatigue};
  const char* names[3] = {"activation", "force_per_max", "fatigue"};
  vtkSmartPointer<vtkDoubleArray> arrays[3];
  for (int k = 0; k < 3; ++k) {
    arrays[k] = vtkSmartPointer<vtkDoubleArray>::New();
    arrays[k]->SetName(names[k]);
  }
  for (std::size_t m = 0; m < model.muscles.size(); ++m) {
    muscle_path_points(model, frames, q, static_cast<int>(m), scratch);
    lines->InsertNextCell(static_cast<int>(scratch.size()));
    for (const auto& p : scratch) lines->InsertCellPoint(points->InsertNextPoint(p.data()));
    for (int k = 0; k < 3; ++k) {
      const bool recorded = sources[k]->cols() > static_cast<long>(m);
      arrays[k]->InsertNextValue(recorded ? (*sources[k])(static_cast<long>(sample), static_cast<long>(m))
                                          : 0.0);
    }
  }
  auto data = vtkSmartPointer<vtkPolyData>::New();
  data->SetPoints(points);
  data->SetLines(lines);
  for (int k = 0; k < 3; ++k) data->GetCellData()->AddArray(arrays[k]);
  data->GetCellData()->SetActiveScalars(names[static_cast<int>(colour)]);
  return data;
}

}  // namespace strider::viz
