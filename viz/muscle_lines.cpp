#include "muscle_lines.hpp"

#include <vtkCellArray.h>
#include <vtkCellData.h>
#include <vtkDoubleArray.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>

#include "muscle/path.hpp"

namespace strider::viz {

vtkSmartPointer<vtkPolyData> muscle_lines(const Recording& rec, std::size_t sample,
                                          const std::vector<BodyFrame>& frames, std::vector<Vec3>& scratch) {
  const Model& model = *rec.model;
  const VecX q = rec.q.row(static_cast<long>(sample)).transpose();
  auto points = vtkSmartPointer<vtkPoints>::New();
  auto lines = vtkSmartPointer<vtkCellArray>::New();
  auto activation = vtkSmartPointer<vtkDoubleArray>::New();
  activation->SetName("activation");
  for (std::size_t m = 0; m < model.muscles.size(); ++m) {
    muscle_path_points(model, frames, q, static_cast<int>(m), scratch);
    lines->InsertNextCell(static_cast<int>(scratch.size()));
    for (const auto& p : scratch) lines->InsertCellPoint(points->InsertNextPoint(p.data()));
    const bool recorded = rec.activation.cols() > static_cast<long>(m);
    activation->InsertNextValue(recorded ? rec.activation(static_cast<long>(sample), static_cast<long>(m)) : 0.0);
  }
  auto data = vtkSmartPointer<vtkPolyData>::New();
  data->SetPoints(points);
  data->SetLines(lines);
  data->GetCellData()->SetScalars(activation);
  return data;
}

}  // namespace strider::viz
