// strider replay --ik IK.mot --grf GRF.mot -o OUT.h5 [--model runner3d] [--body-mass-kg M]
//                [--body-height-m H] [--from S] [--to E] [--treadmill-speed-mps V]
//                [--metabolics umberger2010|bhargava2004]
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "analysis/replay.hpp"
#include "commands.hpp"

namespace strider::cli {

int replay_command(const ReplayArgs& args) {
  ReplayOptions o;
  o.ik_path = args.ik;
  o.grf_path = args.grf;
  o.model = args.model;
  o.body_mass_kg = args.body_mass_kg;
  o.body_height_m = args.body_height_m;
  o.start_s = args.from_s;
  o.end_s = args.to_s;
  o.right_prefix = args.right_prefix;
  o.left_prefix = args.left_prefix;
  o.treadmill_speed_mps = args.treadmill_speed_mps;
  o.metabolic_model = args.metabolics == "bhargava2004" ? MetabolicModel::Bhargava2004 : MetabolicModel::Umberger2010;
  const ReplaySummary s = run_replay(o, args.output);
  fmt::print("replayed {} frames into {}\n", s.frames, args.output);
  fmt::print("  unmet joint torque, RMS over joints and frames: {:.3f} N*m/kg\n", s.unmet_rms_nm_per_kg);
  fmt::print("  pelvis residual the data need: force {:.1f} N RMS, moment {:.1f} N*m RMS\n", s.residual_force_rms_n,
             s.residual_moment_rms_nm);
  fmt::print("  per joint: /replay/unmet_torque_rms_nm_per_kg in the file\n");
  fmt::print("  muscles driven by the solved activations: metabolic power {:.2f} W/kg (basal included){}\n",
             s.metabolic_power_w_per_kg,
             args.treadmill_speed_mps > 0.0
                 ? fmt::format(", {:.2f} J/kg/m at {:.2f} m/s", s.metabolic_power_w_per_kg / args.treadmill_speed_mps,
                               args.treadmill_speed_mps)
                 : std::string());
  fmt::print("  their tendon forces against the static solution's: {:.1f} N RMS\n", s.driven_force_gap_rms_n);
  return 0;
}

}  // namespace strider::cli
