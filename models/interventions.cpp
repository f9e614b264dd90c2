#include "models/interventions.h"

#include <algorithm>
#include <cmath>

#include "sim/distributions.h"
#include "sim/random.h"

namespace yjsim::models {

namespace {
constexpr const char* kTargets[] = {"at_risk",  "diversion", "court_order", "cusp_of_custody", "custody",
                                    "released", "transition", "caseload",   "remand"};
constexpr std::uint64_t kEffectPurpose = 101;  // beside the pathway's purposes (context.h)
}  // namespace

const char* target_name(Target t) { return kTargets[static_cast<int>(t)]; }

std::vector<std::string> target_names() { return {std::begin(kTargets), std::end(kTargets)}; }

double Intervention::monthly_places(long t) const {
  if (t < static_cast<long>(start_month)) return 0;
  if (!limited()) return std::numeric_limits<double>::infinity();
  double ramp = 1.0;
  if (ramp_up_months > 0) ramp = std::min(1.0, (static_cast<double>(t) - start_month + 1) / ramp_up_months);
  return places_per_year / 12.0 * ramp;
}

std::uint64_t name_key(const std::string& name) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char ch : name) {
    h ^= ch;
    h *= 1099511628211ULL;
  }
  return h;
}

double draw_offending_rr(const Intervention& iv, std::uint64_t seed, std::uint64_t replicate) {
  if (iv.rr_low == iv.rr_high) return iv.offending_rr;
  const double sd = (std::log(iv.rr_high) - std::log(iv.rr_low)) / (2 * 1.959963984540054);
  const auto w = sim::Stream(seed, kEffectPurpose).words(name_key(iv.name), replicate, 0, 0);
  const double u = (static_cast<double>(w[0] >> 11) + 0.5) * 0x1.0p-53;
  return std::exp(std::log(iv.offending_rr) + sd * sim::standard_normal(u));
}

}  // namespace yjsim::models
