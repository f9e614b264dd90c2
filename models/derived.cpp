#include <cmath>

#include "models/context.h"

namespace yjsim::models {

Derived::Derived(const Params& p) {
  for (long a = kEntryAgeMonths; a < kExitAgeMonths; ++a) {
    const auto years = static_cast<std::size_t>(std::min(a / 12, 24L) - 10);
    age_rate[static_cast<std::size_t>(a)] = p.offending.base_rate * p.offending.age_rr[years];
  }
  for (std::size_t a = 0; a < age_rate.size(); ++a) age_rate_sum[a + 1] = age_rate_sum[a] + age_rate[a];
  post[0] = 1.0;  // post(t) applies for 1 <= t - s <= 12 only
  for (std::size_t k = 1; k <= static_cast<std::size_t>(kPostEventMonths); ++k)
    post[k] = 1.0 + p.offending.post_event_rr * std::exp(-static_cast<double>(k - 1) / p.offending.post_event_months);
  dto_weights = p.court.dto_weights;
  log_survive_month = std::log1p(-p.desistance.monthly_hazard);
  career_from_months = std::lround(p.desistance.from_age * 12.0);
  detection[0] = p.detection.probability;
  for (std::size_t k = 1; k < detection.size(); ++k) detection[k] = p.detection.probability * p.detection.past_rr[k - 1];
}

}  // namespace yjsim::models
