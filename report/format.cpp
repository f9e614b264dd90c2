#include "report/format.h"

#include <cmath>
#include <cstdio>

namespace yjsim::report {

namespace {
const models::KpiDef* find_kpi(const std::string& kpi) {
  for (const auto& d : models::kpi_table())
    if (kpi == d.name) return &d;
  return nullptr;
}
}  // namespace

KpiFormat kpi_format(const std::string& kpi) {
  const auto* d = find_kpi(kpi);
  return d ? d->format : KpiFormat{};
}

std::string kpi_title(const std::string& kpi) {
  const auto* d = find_kpi(kpi);
  return d ? d->title : kpi;
}

std::string kpi_short_title(const std::string& kpi) {
  const auto* d = find_kpi(kpi);
  return d ? d->short_title : kpi;
}

std::string format_number(double x, int decimals) {
  if (std::isnan(x)) return "n/a";
  if (std::isinf(x)) return x > 0 ? "unlimited" : "-unlimited";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, std::fabs(x));
  std::string digits(buf);
  if (digits.find_first_not_of("0.") == std::string::npos) x = 0;  // no "-0.0"
  const auto dot = digits.find('.');
  std::string whole = digits.substr(0, dot), rest = dot == std::string::npos ? "" : digits.substr(dot);
  std::string grouped;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) grouped += ',';
    grouped += whole[i];
  }
  return (x < 0 ? "-" : "") + grouped + rest;
}

// Pounds from 1,000 up in thousands or millions ("£2.8k", "£298k", "£1.24m"): three significant figures are
// as much as a run's uncertainty supports, and a table of costs stays narrow.
std::string compact(double x, const KpiFormat& f) {
  const double a = std::fabs(x);
  if (std::string(f.prefix) != "£" || a < 999.5) return format_number(x * f.scale, f.decimals);
  if (a < 99'950) return format_number(x / 1e3, 1) + "k";
  if (a < 999'500) return format_number(x / 1e3, 0) + "k";
  return format_number(x / 1e6, 2) + "m";
}

std::string format_value(const std::string& kpi, double x) {
  const KpiFormat f = kpi_format(kpi);
  if (std::isnan(x)) return "n/a";
  std::string n = compact(x, f);
  // Appends rather than "literal" + string: GCC 12 warns falsely (-Wrestrict) on the latter.
  std::string out = n[0] == '-' ? "-" : "";
  out.append(f.prefix).append(n[0] == '-' ? n.substr(1) : n).append(f.suffix);
  return out;
}

std::string format_diff(const std::string& kpi, double x) {
  const KpiFormat f = kpi_format(kpi);
  if (std::isnan(x)) return "n/a";
  std::string n = compact(x, f);
  const bool negative = n[0] == '-';
  if (negative) n = n.substr(1);
  const bool zero = n.find_first_not_of("0.,km") == std::string::npos;
  const std::string sign = zero ? "" : negative ? "-" : "+";
  return sign + f.prefix + n + (*f.diff_suffix ? f.diff_suffix : f.suffix);
}

std::string format_interval(const std::string& kpi, double low, double high, bool diff) {
  // A difference's unit (" pts") is said once, after the mean: "+0.6 pts [-2.8, +3.8]".
  const KpiFormat f = kpi_format(kpi);
  auto one = [&](double x) {
    if (!diff) return format_value(kpi, x);
    std::string d = format_diff(kpi, x);
    const std::string unit = f.diff_suffix;
    if (!unit.empty() && d.size() > unit.size() && d.compare(d.size() - unit.size(), unit.size(), unit) == 0)
      d.erase(d.size() - unit.size());
    return d;
  };
  std::string out = "[";
  out.append(one(low)).append(", ").append(one(high)).append("]");
  return out;
}

std::string format_probability(double p) {
  if (std::isnan(p)) return "n/a";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.0f%%", p * 100);
  return buf;
}

std::string summary_text(const std::string& kpi, const sim::Summary& s) {
  return format_value(kpi, s.mean) + " " + format_interval(kpi, s.p5, s.p95);
}

std::string difference_text(const std::string& kpi, const sim::Summary& d) {
  return format_diff(kpi, d.mean) + " " + format_interval(kpi, d.p5, d.p95, true);
}

std::string avoided_text(const sim::Summary& s) {
  return format_number(s.mean, 1) + " [" + format_number(s.p5, 1) + ", " + format_number(s.p95, 1) + "]";
}

std::string extra_cost_text(const sim::Summary& s) { return difference_text("cost_gbp", s); }

std::string cost_per_avoided_text(const analysis::CostPerOutcome& c) {
  if (!c.estimable) return "not estimable: could be none avoided";
  return format_value("cost_gbp", c.cost_per_avoided) + " " + format_interval("cost_gbp", c.low, c.high);
}

std::string format_gbp(double x) { return std::isnan(x) ? "n/a" : "£" + format_number(x, 0); }

}  // namespace yjsim::report
