#include "scene.hpp"

#include <vtkActor.h>
#include <vtkAppendPolyData.h>
#include <vtkArrowSource.h>
#include <vtkCamera.h>
#include <vtkCellArray.h>
#include <vtkCellData.h>
#include <vtkDoubleArray.h>
#include <vtkLineSource.h>
#include <vtkLookupTable.h>
#include <vtkMatrix4x4.h>
#include <vtkPlaneSource.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkRenderer.h>
#include <vtkSphereSource.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>
#include <vtkTransform.h>
#include <vtkTubeFilter.h>

#include <cmath>
#include <iomanip>
#include <sstream>

#include "muscle_lines.hpp"

namespace strider::viz {

namespace {

vtkSmartPointer<vtkPolyData> capsule(const Vec3& a, const Vec3& b, double r) {
  auto append = vtkSmartPointer<vtkAppendPolyData>::New();
  auto line = vtkSmartPointer<vtkLineSource>::New();
  line->SetPoint1(a.data());
  line->SetPoint2(b.data());
  auto tube = vtkSmartPointer<vtkTubeFilter>::New();
  tube->SetInputConnection(line->GetOutputPort());
  tube->SetRadius(r);
  tube->SetNumberOfSides(24);
  append->AddInputConnection(tube->GetOutputPort());
  for (const Vec3* end : {&a, &b}) {
    auto s = vtkSmartPointer<vtkSphereSource>::New();
    s->SetCenter(end->data());
    s->SetRadius(r);
    s->SetThetaResolution(24);
    s->SetPhiResolution(16);
    append->AddInputConnection(s->GetOutputPort());
  }
  append->Update();
  return append->GetOutput();
}

vtkSmartPointer<vtkPolyData> sphere(const Vec3& c, double r) {
  auto s = vtkSmartPointer<vtkSphereSource>::New();
  s->SetCenter(c.data());
  s->SetRadius(r);
  s->SetThetaResolution(24);
  s->SetPhiResolution(16);
  s->Update();
  return s->GetOutput();
}

void set_pose(vtkActor* actor, const Mat3& R, const Vec3& p) {
  auto m = vtkSmartPointer<vtkMatrix4x4>::New();
  for (int i = 0; i < 3; ++i) {
    for (int j = 0; j < 3; ++j) m->SetElement(i, j, R(i, j));
    m->SetElement(i, 3, p[i]);
  }
  actor->SetUserMatrix(m);
}

}  // namespace

RunScene::RunScene(const Recording& recording, vtkRenderer* renderer, const std::string& label,
                   MuscleColour colour)
    : rec_(recording),
      renderer_(renderer),
      label_(label),
      colour_(colour),
      frames_(recording.model->bodies.size()) {
  const Model& model = *rec_.model;
  // Ground and grid, tilted by the slope about y.
  const double angle = std::atan(rec_.slope_percent / 100.0);
  auto ground = vtkSmartPointer<vtkPlaneSource>::New();
  ground->SetOrigin(-20, -4, 0);
  ground->SetPoint1(60, -4, 0);
  ground->SetPoint2(-20, 4, 0);
  ground->SetResolution(160, 16);
  for (int wire = 0; wire < 2; ++wire) {
    auto mapper = vtkSmartPointer<vtkPolyDataMapper>::New();
    mapper->SetInputConnection(ground->GetOutputPort());
    auto actor = vtkSmartPointer<vtkActor>::New();
    actor->SetMapper(mapper);
    actor->RotateY(-angle * 180.0 / kPi);
    if (wire) {
      actor->GetProperty()->SetRepresentationToWireframe();
      actor->GetProperty()->SetColor(0.55, 0.58, 0.6);
      actor->SetPosition(0, 0, 0.001);
    } else {
      actor->GetProperty()->SetColor(0.86, 0.88, 0.86);
      // The camera's headlight grazes the ground; ambient light keeps it from going black.
      actor->GetProperty()->SetAmbient(0.7);
      actor->GetProperty()->SetDiffuse(0.3);
    }
    renderer_->AddActor(actor);
  }
  // Bodies.
  for (const auto& body : model.bodies) {
    auto append = vtkSmartPointer<vtkAppendPolyData>::New();
    for (const auto& g : body.geometry) {
      if (g.kind == Geometry::Kind::Capsule) append->AddInputData(capsule(g.from_m, g.to_m, g.radius_m));
      if (g.kind == Geometry::Kind::Sphere) append->AddInputData(sphere(g.from_m, g.radius_m));
    }
    auto actor = vtkSmartPointer<vtkActor>::New();
    if (!body.geometry.empty()) {
      append->Update();
      auto mapper = vtkSmartPointer<vtkPolyDataMapper>::New();
      mapper->SetInputData(append->GetOutput());
      actor->SetMapper(mapper);
      actor->GetProperty()->SetColor(0.93, 0.82, 0.72);
      actor->GetProperty()->SetOpacity(0.55);  // see the muscles through the segments
      renderer_->AddActor(actor);
    }
    body_actors_.push_back(actor);
  }
  // Joints: a small dark ball at each joint centre (the child body's frame origin).
  const auto joint_ball = sphere(Vec3::Zero(), 0.04);
  for (const auto& body : model.bodies) {
    vtkSmartPointer<vtkActor> actor;
    if (body.parent >= 0) {
      auto mapper = vtkSmartPointer<vtkPolyDataMapper>::New();
      mapper->SetInputData(joint_ball);
      actor = vtkSmartPointer<vtkActor>::New();
      actor->SetMapper(mapper);
      actor->GetProperty()->SetColor(0.3, 0.3, 0.36);
      renderer_->AddActor(actor);
    }
    joint_actors_.push_back(actor);
  }
  // Muscles: one polyline per muscle, tubes coloured by the chosen quantity, 0 to 1.
  muscle_lines_ = vtkSmartPointer<vtkPolyData>::New();
  auto tubes = vtkSmartPointer<vtkTubeFilter>::New();
  tubes->SetInputData(muscle_lines_);
  tubes->SetRadius(0.006);
  tubes->SetNumberOfSides(10);
  auto lut = vtkSmartPointer<vtkLookupTable>::New();
  lut->SetHueRange(0.66, 0.0);  // blue (relaxed, no force, fresh) to red (fully active, F_max, fatigued)
  lut->SetRange(0.0, 1.0);
  lut->Build();
  auto muscle_mapper = vtkSmartPointer<vtkPolyDataMapper>::New();
  muscle_mapper->SetInputConnection(tubes->GetOutputPort());
  muscle_mapper->SetLookupTable(lut);
  muscle_mapper->SetScalarRange(0.0, 1.0);
  muscle_mapper->SetScalarModeToUseCellData();
  auto muscle_actor = vtkSmartPointer<vtkActor>::New();
  muscle_actor->SetMapper(muscle_mapper);
  renderer_->AddActor(muscle_actor);
  // Ground reaction force arrows, one per foot.
  auto arrow = vtkSmartPointer<vtkArrowSource>::New();
  arrow->SetShaftRadius(0.04);
  arrow->SetTipRadius(0.1);
  for (std::size_t f = 0; f < model.contact_bodies.size(); ++f) {
    auto mapper = vtkSmartPointer<vtkPolyDataMapper>::New();
    mapper->SetInputConnection(arrow->GetOutputPort());
    auto actor = vtkSmartPointer<vtkActor>::New();
    actor->SetMapper(mapper);
    actor->GetProperty()->SetColor(0.1, 0.65, 0.2);
    renderer_->AddActor(actor);
    arrow_actors_.push_back(actor);
  }
  hud_ = vtkSmartPointer<vtkTextActor>::New();
  hud_->GetTextProperty()->SetFontSize(22);
  hud_->GetTextProperty()->SetColor(0.1, 0.1, 0.1);
  hud_->SetPosition(14, 14);
  renderer_->AddViewProp(hud_);
  renderer_->SetBackground(0.97, 0.97, 1.0);
}

RunScene::~RunScene() = default;

void RunScene::show_sample(std::size_t sample) {
  const Model& model = *rec_.model;
  const VecX q = rec_.q.row(static_cast<long>(sample)).transpose();
  forward_kinematics(model, q, VecX::Zero(model.nv()), frames_);
  for (std::size_t b = 0; b < frames_.size(); ++b) {
    set_pose(body_actors_[b], frames_[b].R_WB, frames_[b].p_WB);
    if (joint_actors_[b]) set_pose(joint_actors_[b], frames_[b].R_WB, frames_[b].p_WB);
  }

  muscle_lines_->ShallowCopy(muscle_lines(rec_, sample, frames_, path_points_, colour_));
  muscle_lines_->Modified();

  const double weight_n = model.total_mass_kg() * 9.81;
  double vertical_bw = 0.0;
  for (std::size_t f = 0; f < arrow_actors_.size(); ++f) {
    const long s = static_cast<long>(sample), c = static_cast<long>(3 * f);
    const Vec3 force(rec_.foot_force_n(s, c), rec_.foot_force_n(s, c + 1), rec_.foot_force_n(s, c + 2));
    const Vec3 cop(rec_.foot_cop_m(s, c), rec_.foot_cop_m(s, c + 1), rec_.foot_cop_m(s, c + 2));
    vertical_bw += force.z() / weight_n;
    const double length = 0.5 * force.norm() / weight_n;  // 1 BW is drawn 0.5 m long
    const bool visible = cop.allFinite() && length > 0.01;
    arrow_actors_[f]->SetVisibility(visible);
    if (!visible) continue;
    // The arrow source points along +x; rotate x onto the force.
    const Vec3 x = force.normalized();
    const Vec3 helper = std::abs(x.z()) < 0.9 ? Vec3::UnitZ() : Vec3::UnitX();
    const Vec3 y = helper.cross(x).normalized();
    Mat3 R;
    R << x, y, x.cross(y);
    // Long by the force, constant thickness (the arrow source is 1 long and 0.2 wide).
    set_pose(arrow_actors_[f], R * Vec3(length, 0.6, 0.6).asDiagonal(), cop);
  }

  // Short lines, so that half of a 1280-pixel side-by-side video holds them: the label, the
  // colouring when it is not activation, and a fall (on a run's last sample, which a side-by-side
  // video holds while the other run goes on) above the measures.
  std::ostringstream hud;
  hud.setf(std::ios::fixed);
  hud.precision(2);
  if (!label_.empty()) hud << label_ << "\n";
  if (colour_ == MuscleColour::Force) hud << "muscles: force / F_max\n";
  if (colour_ == MuscleColour::Fatigue) hud << "muscles: fatigued fraction\n";
  if (rec_.fell && sample + 1 == rec_.samples()) hud << "FELL at " << rec_.fall_time_s << " s\n";
  hud << "t " << rec_.time_s[sample] << " s   " << rec_.com_velocity_mps(static_cast<long>(sample), 0)
      << " m/s   ";
  const double cadence = sample < rec_.cadence_spm.size() ? rec_.cadence_spm[sample] : std::nan("");
  if (std::isfinite(cadence)) {
    hud << std::setprecision(0) << cadence << std::setprecision(2) << " spm";
  } else {
    hud << "- spm";
  }
  hud << "   vertical GRF " << vertical_bw << " BW";
  hud_->SetInput(hud.str().c_str());

  Vec3 com = Vec3::Zero();
  double mass = 0.0;
  for (std::size_t b = 0; b < frames_.size(); ++b) {
    com += model.bodies[b].mass_kg * frames_[b].p_WCom;
    mass += model.bodies[b].mass_kg;
  }
  com /= mass;
  vtkCamera* camera = renderer_->GetActiveCamera();
  camera->SetFocalPoint(com.x(), com.y(), 0.85 * com.z());
  // Three-quarter view from the runner's front right, so that both legs and arms show.
  camera->SetPosition(com.x() + 2.2, com.y() - 3.6, 0.85 * com.z() + 0.7);
  camera->SetViewUp(0, 0, 1);
  camera->SetViewAngle(30);
  renderer_->ResetCameraClippingRange();
}

}  // namespace strider::viz
