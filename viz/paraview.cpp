#include "paraview.hpp"

#include <vtkAppendPolyData.h>
#include <vtkCellArray.h>
#include <vtkCellData.h>
#include <vtkDoubleArray.h>
#include <vtkIntArray.h>
#include <vtkLineSource.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkSmartPointer.h>
#include <vtkSphereSource.h>
#include <vtkTransform.h>
#include <vtkTransformPolyDataFilter.h>
#include <vtkTubeFilter.h>
#include <vtkXMLPolyDataWriter.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "dynamics/kinematics.hpp"
#include "io/atomic_file.hpp"
#include "muscle_lines.hpp"
#include "recording.hpp"

namespace strider::viz {

namespace {

vtkSmartPointer<vtkPolyData> body_shape(const Body& body) {
  auto append = vtkSmartPointer<vtkAppendPolyData>::New();
  bool any = false;
  for (const auto& g : body.geometry) {
    if (g.kind == Geometry::Kind::Capsule) {
      auto line = vtkSmartPointer<vtkLineSource>::New();
      line->SetPoint1(g.from_m.data());
      line->SetPoint2(g.to_m.data());
      auto tube = vtkSmartPointer<vtkTubeFilter>::New();
      tube->SetInputConnection(line->GetOutputPort());
      tube->SetRadius(g.radius_m);
      tube->SetNumberOfSides(16);
      tube->CappingOn();
      append->AddInputConnection(tube->GetOutputPort());
      any = true;
    } else if (g.kind == Geometry::Kind::Sphere) {
      auto sphere = vtkSmartPointer<vtkSphereSource>::New();
      sphere->SetCenter(g.from_m.data());
      sphere->SetRadius(g.radius_m);
      append->AddInputConnection(sphere->GetOutputPort());
      any = true;
    }
  }
  if (!any) return vtkSmartPointer<vtkPolyData>::New();
  append->Update();
  return append->GetOutput();
}

void write_vtp(const std::string& path, vtkPolyData* data) {
  write_atomically(path, [&](const std::string& temporary) {
    auto writer = vtkSmartPointer<vtkXMLPolyDataWriter>::New();
    writer->SetFileName(temporary.c_str());
    writer->SetInputData(data);
    writer->SetDataModeToBinary();
    if (writer->Write() != 1) throw std::runtime_error("cannot write " + path);
  });
}

}  // namespace

int export_paraview(const std::string& run_path, const std::string& folder, int stride) {
  namespace fs = std::filesystem;
  const Recording rec = load_recording(run_path);
  const Model& model = *rec.model;
  std::error_code ec;
  fs::create_directories(folder, ec);
  if (!fs::is_directory(folder)) throw InputError(folder, "", "cannot create the export folder", "choose a writable path");
  std::vector<vtkSmartPointer<vtkPolyData>> shapes;
  for (const auto& b : model.bodies) shapes.push_back(body_shape(b));
  std::vector<BodyFrame> frames(model.bodies.size());
  std::vector<Vec3> path_points;
  std::ostringstream pvd;
  pvd << "<?xml version=\"1.0\"?>\n<VTKFile type=\"Collection\" version=\"0.1\">\n  <Collection>\n";
  int written = 0;
  for (std::size_t s = 0; s < rec.samples(); s += static_cast<std::size_t>(std::max(1, stride))) {
    const VecX q = rec.q.row(static_cast<long>(s)).transpose();
    forward_kinematics(model, q, VecX::Zero(model.nv()), frames);
    // Segments in world coordinates, tagged with their body index.
    auto bodies = vtkSmartPointer<vtkAppendPolyData>::New();
    for (std::size_t b = 0; b < model.bodies.size(); ++b) {
      if (shapes[b]->GetNumberOfPoints() == 0) continue;
      auto transform = vtkSmartPointer<vtkTransform>::New();
      double m[16] = {0};
      for (int i = 0; i < 3; ++i) {
        for (int j = 0; j < 3; ++j) m[4 * i + j] = frames[b].R_WB(i, j);
        m[4 * i + 3] = frames[b].p_WB[i];
      }
      m[15] = 1.0;
      transform->SetMatrix(m);
      auto moved = vtkSmartPointer<vtkTransformPolyDataFilter>::New();
      moved->SetInputData(shapes[b]);
      moved->SetTransform(transform);
      moved->Update();
      auto tagged = vtkSmartPointer<vtkPolyData>::New();
      tagged->DeepCopy(moved->GetOutput());
      auto id = vtkSmartPointer<vtkIntArray>::New();
      id->SetName("body");
      id->SetNumberOfTuples(tagged->GetNumberOfPoints());
      id->Fill(static_cast<int>(b));
      tagged->GetPointData()->AddArray(id);
      bodies->AddInputData(tagged);
    }
    bodies->Update();
    const auto muscles = muscle_lines(rec, s, frames, path_points);
    // Ground forces at the centres of pressure (feet off the ground are left out).
    auto grf = vtkSmartPointer<vtkPolyData>::New();
    auto grf_points = vtkSmartPointer<vtkPoints>::New();
    auto verts = vtkSmartPointer<vtkCellArray>::New();
    auto force = vtkSmartPointer<vtkDoubleArray>::New();
    force->SetName("force_n");
    force->SetNumberOfComponents(3);
    for (long f = 0; f < rec.foot_force_n.cols() / 3; ++f) {
      const Vec3 cop(rec.foot_cop_m(static_cast<long>(s), 3 * f), rec.foot_cop_m(static_cast<long>(s), 3 * f + 1),
                     rec.foot_cop_m(static_cast<long>(s), 3 * f + 2));
      if (!cop.allFinite()) continue;
      const vtkIdType id = grf_points->InsertNextPoint(cop.data());
      verts->InsertNextCell(1);
      verts->InsertCellPoint(id);
      force->InsertNextTuple3(rec.foot_force_n(static_cast<long>(s), 3 * f), rec.foot_force_n(static_cast<long>(s), 3 * f + 1),
                              rec.foot_force_n(static_cast<long>(s), 3 * f + 2));
    }
    grf->SetPoints(grf_points);
    grf->SetVerts(verts);
    grf->GetPointData()->AddArray(force);
    grf->GetPointData()->SetActiveVectors("force_n");

    char suffix[32];
    std::snprintf(suffix, sizeof suffix, "_%05d.vtp", written);
    const char* parts[3] = {"bodies", "muscles", "grf"};
    vtkPolyData* data[3] = {bodies->GetOutput(), muscles, grf};
    for (int p = 0; p < 3; ++p) {
      const std::string name = std::string(parts[p]) + suffix;
      write_vtp((fs::path(folder) / name).string(), data[p]);
      pvd << "    <DataSet timestep=\"" << rec.time_s[s] << "\" part=\"" << p << "\" file=\"" << name << "\"/>\n";
    }
    ++written;
  }
  pvd << "  </Collection>\n</VTKFile>\n";
  write_atomically((fs::path(folder) / "run.pvd").string(), [&](const std::string& temporary) {
    std::ofstream out(temporary);
    out << pvd.str();
    if (!out) throw std::runtime_error("cannot write the .pvd file");
  });
  return written;
}

}  // namespace strider::viz
