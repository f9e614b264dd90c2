#include "analysis/funnel.h"

#include <algorithm>
#include <cmath>

#include "models/kpis.h"
#include "sim/summary.h"

namespace yjsim::analysis {

namespace {
const char* kCh9 =
    "Youth Justice Statistics 2020/21 supplementary tables, Ch 9 'Proven reoffending by children' (Tables 9.2, 9.6, "
    "9.7, 9.9), YJB/MoJ, Jan 2022 (data/published_figures.csv)";

std::optional<std::pair<sim::YearMonth, sim::YearMonth>> months_of(const std::string& period) {
  const auto dots = period.find("..");
  if (dots == std::string::npos) return std::nullopt;
  const auto a = sim::YearMonth::parse(period.substr(0, dots)), b = sim::YearMonth::parse(period.substr(dots + 2));
  if (!a || !b) return std::nullopt;
  return std::make_pair(*a, *b);
}

double log_pmf(long n_, long k_, double p) {
  const double n = static_cast<double>(n_), k = static_cast<double>(k_);
  return std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0) + k * std::log(p) + (n - k) * std::log1p(-p);
}

std::string verdict_of(const Funnel& f) {
  const double x = f.figure.value;
  if (x > f.at_hi998) return "above the 99.8% limit: more reoffending than chance alone would give a service of this size at the national rate";
  if (x > f.at_hi95) return "above the 95% limit but within 99.8%: possibly more reoffending than the national rate";
  if (x < f.at_lo998) return "below the 99.8% limit: less reoffending than chance alone would give a service of this size at the national rate";
  if (x < f.at_lo95) return "below the 95% limit but within 99.8%: possibly less reoffending than the national rate";
  return "within the 95% limits: no different from the national rate by more than chance";
}
}  // namespace

const std::vector<NationalRate>& national_binary_rates() {
  static const std::vector<NationalRate> t = {
      {"April 2013 to March 2014", {2013, 4}, {2014, 3}, 0.429, 52339, kCh9},
      {"April 2014 to March 2015", {2014, 4}, {2015, 3}, 0.426, 45042, kCh9},
      {"April 2015 to March 2016", {2015, 4}, {2016, 3}, 0.422, 38324, kCh9},
      {"April 2016 to March 2017", {2016, 4}, {2017, 3}, 0.409, 33426, kCh9},
      {"April 2017 to March 2018", {2017, 4}, {2018, 3}, 0.384, 28393, kCh9},
      {"April 2018 to March 2019", {2018, 4}, {2019, 3}, 0.378, 23531, kCh9},
      {"April 2019 to March 2020", {2019, 4}, {2020, 3}, 0.342, 20695, kCh9},
  };
  return t;
}

std::optional<NationalMatch> national_rate_for(sim::YearMonth first, sim::YearMonth last) {
  std::optional<NationalMatch> best;
  for (const auto& n : national_binary_rates()) {
    const long lo = std::max(0L, sim::months_between(first, n.first)), hi = std::min(sim::months_between(first, last), sim::months_between(first, n.last));
    const long overlap = hi - lo + 1;
    if (overlap > 0 && (!best || overlap >= best->overlap_months))
      best = NationalMatch{n, overlap, sim::months_between(first, last) + 1};
  }
  return best;
}

double binomial_limit(double p0, double n, double prob) {
  const long N = std::max(1L, std::lround(n));
  double cdf = 0, prev = 0;
  for (long r = 0; r <= N; ++r) {
    prev = cdf;
    cdf += std::exp(log_pmf(N, r, p0));
    if (cdf >= prob) {
      const double alpha = (cdf - prob) / (cdf - prev);
      return std::clamp((static_cast<double>(r) - alpha) / static_cast<double>(N), 0.0, 1.0);
    }
  }
  return 1.0;
}

std::vector<ChartMark> chart_marks(const models::Calibration& c, const std::string& kpi, const sim::Calendar& cal) {
  std::vector<ChartMark> out;
  const bool count = models::kpi_table()[static_cast<std::size_t>(models::kpi_index(kpi))].yearly == models::Yearly::Sum;
  for (const auto& f : c.published) {
    if (f.kpi != kpi || !f.breakdown.empty()) continue;
    const auto m = months_of(f.period);
    if (!m) continue;
    ChartMark mark{f, false, false, 0, 0, f.value};
    const long m0 = sim::months_between(cal.start(), m->first), m1 = sim::months_between(cal.start(), m->second);
    if (count) mark.per_quarter = f.value * 3.0 / static_cast<double>(m1 - m0 + 1);
    mark.in_run = m1 >= 0 && m0 < cal.months();
    mark.before = m1 < 0;
    if (mark.in_run) {
      mark.first_period = cal.period_of(std::max(0L, m0));
      mark.last_period = cal.period_of(std::min(cal.months() - 1, m1));
    }
    out.push_back(mark);
  }
  return out;
}

std::vector<Funnel> funnels(const models::Calibration& c, const models::Results& r) {
  std::vector<Funnel> out;
  const int k = models::kpi_index("reoffending_cohort_size");
  double per_quarter = 0;
  for (long q = 0; q < r.calendar.periods(); ++q)
    per_quarter += sim::summarise(r.values(0, k, static_cast<std::size_t>(q), false)).mean / static_cast<double>(r.calendar.periods());
  for (const auto& f : c.published) {
    if (f.kpi != "reoffending_binary_rate" || !f.breakdown.empty()) continue;
    const auto m = months_of(f.period);
    if (!m) continue;
    const auto nat = national_rate_for(m->first, m->second);
    if (!nat) continue;
    Funnel fn;
    fn.area = c.area;
    fn.figure = f;
    fn.national = *nat;
    fn.n_published = f.cohort_size > 0;
    fn.n = fn.n_published ? f.cohort_size : std::round(per_quarter * static_cast<double>(nat->period_months) / 3.0);
    const double p0 = nat->national.rate, top = std::max(400.0, 3.0 * fn.n);
    for (int i = 0; i <= 80; ++i) {
      const double n = std::round(10.0 + (top - 10.0) * i / 80.0);
      fn.ns.push_back(n);
      fn.lo95.push_back(binomial_limit(p0, n, 0.025));
      fn.hi95.push_back(binomial_limit(p0, n, 0.975));
      fn.lo998.push_back(binomial_limit(p0, n, 0.001));
      fn.hi998.push_back(binomial_limit(p0, n, 0.999));
    }
    fn.at_lo95 = binomial_limit(p0, fn.n, 0.025);
    fn.at_hi95 = binomial_limit(p0, fn.n, 0.975);
    fn.at_lo998 = binomial_limit(p0, fn.n, 0.001);
    fn.at_hi998 = binomial_limit(p0, fn.n, 0.999);
    fn.verdict = verdict_of(fn);
    out.push_back(std::move(fn));
  }
  return out;
}

}  // namespace yjsim::analysis
