#include "viewer.hpp"

#include <vtkCallbackCommand.h>
#include <vtkCommand.h>
#include <vtkInteractorStyleTrackballCamera.h>
#include <vtkRenderWindow.h>
#include <vtkRenderWindowInteractor.h>
#include <vtkRenderer.h>
#include <vtkSmartPointer.h>

#include <chrono>
#include <cstdlib>
#include <string>

#include "core/error.hpp"
#include "recording.hpp"
#include "scene.hpp"

namespace strider::viz {

namespace {
struct Player {
  const Recording* rec = nullptr;
  RunScene* scene = nullptr;
  vtkRenderWindow* window = nullptr;
  vtkRenderWindowInteractor* interactor = nullptr;
  bool playing = true;
  double speed = 1.0;
  double t_s = 0.0;
  std::chrono::steady_clock::time_point last, started;
  double exit_after_s = 0.0;

  void show() {
    scene->show_sample(rec->sample_at(t_s));
    window->Render();
  }
};

void on_timer(vtkObject*, unsigned long, void* data, void*) {
  auto* p = static_cast<Player*>(data);
  const auto now = std::chrono::steady_clock::now();
  const double elapsed = std::chrono::duration<double>(now - p->last).count();
  p->last = now;
  if (p->playing) {
    p->t_s += elapsed * p->speed;
    if (p->t_s > p->rec->time_s.back()) p->t_s = p->rec->time_s.front();  // loop
  }
  p->show();
  if (p->exit_after_s > 0 && std::chrono::duration<double>(now - p->started).count() > p->exit_after_s) {
    p->interactor->TerminateApp();
  }
}

void on_key(vtkObject*, unsigned long, void* data, void*) {
  auto* p = static_cast<Player*>(data);
  const std::string key = p->interactor->GetKeySym() ? p->interactor->GetKeySym() : "";
  const double step = p->rec->samples() > 1 ? p->rec->time_s[1] - p->rec->time_s[0] : 0.01;
  if (key == "space") p->playing = !p->playing;
  if (key == "Right") p->t_s = std::min(p->rec->time_s.back(), p->t_s + step);
  if (key == "Left") p->t_s = std::max(p->rec->time_s.front(), p->t_s - step);
  if (key == "plus" || key == "equal") p->speed *= 2.0;
  if (key == "minus") p->speed /= 2.0;
  p->show();
}
}  // namespace

void view_run(const std::string& run_path, double exit_after_s) {
  const char* display = std::getenv("DISPLAY");
  if (!display || !*display) {
    throw InputError(run_path, "", "`strider view` needs a display (DISPLAY is not set)",
                     "use `strider render` for pictures and videos on a headless machine");
  }
  const Recording rec = load_recording(run_path);
  auto renderer = vtkSmartPointer<vtkRenderer>::New();
  auto window = vtkSmartPointer<vtkRenderWindow>::New();
  window->SetSize(1280, 720);
  window->SetWindowName(("strider view " + run_path + "   (space play/pause, arrows step, +/- speed, q quit)").c_str());
  window->AddRenderer(renderer);
  RunScene scene(rec, renderer);
  auto interactor = vtkSmartPointer<vtkRenderWindowInteractor>::New();
  interactor->SetRenderWindow(window);
  auto style = vtkSmartPointer<vtkInteractorStyleTrackballCamera>::New();
  interactor->SetInteractorStyle(style);
  Player player;
  player.rec = &rec;
  player.scene = &scene;
  player.window = window;
  player.interactor = interactor;
  player.exit_after_s = exit_after_s;
  player.t_s = rec.time_s.front();
  player.started = player.last = std::chrono::steady_clock::now();
  interactor->Initialize();
  auto timer = vtkSmartPointer<vtkCallbackCommand>::New();
  timer->SetCallback(on_timer);
  timer->SetClientData(&player);
  interactor->AddObserver(vtkCommand::TimerEvent, timer);
  auto keys = vtkSmartPointer<vtkCallbackCommand>::New();
  keys->SetCallback(on_key);
  keys->SetClientData(&player);
  interactor->AddObserver(vtkCommand::KeyPressEvent, keys);
  interactor->CreateRepeatingTimer(33);
  player.show();
  interactor->Start();
}

}  // namespace strider::viz
