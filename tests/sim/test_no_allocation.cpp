// The simulation step allocates no heap memory (DESIGN.md), with or without the controller. This binary counts every malloc of
// the engine (linked statically, with malloc wrapped by the linker), every operator new, and
// every Bullet allocation (btAlignedAllocSetCustom) while steps run.
#include <LinearMath/btAlignedAllocator.h>
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <memory>
#include <new>

#include "control/tracking_controller.hpp"
#include "model/model_loader.hpp"
#include "sim/running_start.hpp"
#include "sim/simulation.hpp"

namespace {
std::atomic<long> g_allocations{0};
std::atomic<bool> g_counting{false};
void count() {
  if (g_counting.load(std::memory_order_relaxed)) g_allocations.fetch_add(1, std::memory_order_relaxed);
}
void* counted_aligned(size_t size, int alignment) {
  count();
  return std::aligned_alloc(static_cast<size_t>(alignment), (size + static_cast<size_t>(alignment) - 1) /
                                                                  static_cast<size_t>(alignment) *
                                                                  static_cast<size_t>(alignment));
}
void counted_aligned_free(void* p) { std::free(p); }
void* counted_plain(size_t size) {
  count();
  return std::malloc(size);
}
void counted_plain_free(void* p) { std::free(p); }
}  // namespace

extern "C" {
void* __real_malloc(size_t);
void* __real_calloc(size_t, size_t);
void* __real_realloc(void*, size_t);
void* __wrap_malloc(size_t n) {
  count();
  return __real_malloc(n);
}
void* __wrap_calloc(size_t a, size_t b) {
  count();
  return __real_calloc(a, b);
}
void* __wrap_realloc(void* p, size_t n) {
  count();
  return __real_realloc(p, n);
}
}

void* operator new(std::size_t n) {
  count();
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t n) { return operator new(n); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }

namespace strider {
namespace {

TEST(NoAllocation, StepsOfRunner3dWithMusclesAllocateNothing) {
  btAlignedAllocSetCustom(counted_plain, counted_plain_free);
  btAlignedAllocSetCustomAligned(counted_aligned, counted_aligned_free);
  auto model = std::make_shared<const Model>(load_model_file(resolve_model_path("runner3d", ""), {70.0, 1.75}));
  Simulation sim(model, simulation_options(0.001));
  sim.set_state(standing_start_state(*model, sim.ground(), 0.0));
  sim.equilibrate_muscles();
  sim.set_excitations(VecX::Constant(static_cast<long>(model->muscles.size()), 0.2));
  for (int i = 0; i < 20; ++i) sim.step();  // warm-up: scratch buffers reach their size
  g_allocations = 0;
  g_counting = true;
  for (int i = 0; i < 200; ++i) sim.step();
  g_counting = false;
  EXPECT_EQ(g_allocations.load(), 0) << "heap allocations during 200 steps";
  // The counter works: an allocation outside the step is seen.
  g_counting = true;
  auto* probe = new int(3);
  g_counting = false;
  delete probe;
  EXPECT_GE(g_allocations.load(), 1);
}

// 200 steps of runner3d under the tracking controller with `options`, from the running start;
// returns the heap allocations counted.
long controlled_step_allocations(const TrackingOptions& tracking) {
  auto model = std::make_shared<const Model>(load_model_file(resolve_model_path("runner3d", ""), {70.0, 1.75}));
  SimulationOptions options = simulation_options(0.001);
  auto controller = std::make_shared<TrackingController>(*model, load_reference_cycle(default_reference_cycle_path()),
                                                         tracking, options.muscles);
  Simulation sim(model, options);
  sim.set_state(running_start_state(*model, *controller, sim.ground(), kRunningStartPhase, 0.01));
  sim.equilibrate_muscles();
  sim.set_controller(controller);
  for (int i = 0; i < 20; ++i) sim.step();  // warm-up, including control updates
  g_allocations = 0;
  g_counting = true;
  for (int i = 0; i < 200; ++i) sim.step();  // 100 control updates, landing on the left foot
  g_counting = false;
  return g_allocations.load();
}

TEST(NoAllocation, ControlledStepsAllocateNothing) {
  EXPECT_EQ(controlled_step_allocations(TrackingOptions{}), 0) << "heap allocations during 200 controlled steps";
  TrackingOptions lookahead;
  lookahead.gains.lookahead_s = 0.01;  // computed muscle control's lookahead
  EXPECT_EQ(controlled_step_allocations(lookahead), 0) << "with the muscles' lookahead";
}

TEST(NoAllocation, WholeBodyControlledStepsAllocateNothing) {
  TrackingOptions tracking;
  tracking.gains.whole_body = 1.0;
  tracking.gains.qp_trunk_weight = 10.0;
  EXPECT_EQ(controlled_step_allocations(tracking), 0) << "heap allocations during 200 whole-body controlled steps";
  tracking.gains.qp_lookahead_s = 0.01;  // computed muscle control's lookahead
  EXPECT_EQ(controlled_step_allocations(tracking), 0) << "with the muscles' lookahead";
}

}  // namespace
}  // namespace strider
