#include "models/scenario.h"

#include <cctype>
#include <cmath>
#include <cstdint>
#include <limits>
#include <set>
#include <sstream>

namespace yjsim::models {

Invalid::Invalid(std::size_t v, std::string iv, std::string f, std::string found_, std::string allowed_)
    : std::runtime_error(f + ": found " + found_ + "; allowed: " + allowed_),
      variant(v), intervention(std::move(iv)), field(std::move(f)), found(std::move(found_)),
      allowed(std::move(allowed_)) {}

namespace {

constexpr std::size_t kMaxInterventions = 32;  // bit sets per child (person_state.h)
constexpr std::size_t kMaxNeeds = 8;           // bits of People::needs
constexpr double kInf = 1e299;

std::string fmt(double x) {
  std::ostringstream s;
  s << x;
  return s.str();
}

std::string allowed_range(double lo, double hi) { return hi >= kInf ? ">= " + fmt(lo) : fmt(lo) + " .. " + fmt(hi); }

void check_parameters(const Params& p, const Params& base, std::size_t v) {
  Params copy = p, base_copy = base;
  auto fail = [&](const std::string& f, const std::string& found, const std::string& allowed) {
    throw Invalid(v, "", f, found, allowed);
  };
  for (const auto& d : parameter_table()) {
    const auto x = d.ref(copy);
    const std::string name = d.name;
    if (v > 0 && d.fixed_at_entry && !std::equal(x.begin(), x.end(), d.ref(base_copy).begin()))
      fail(name, "a change in a variant",
           "changes only in the baseline: this parameter is drawn when a child enters, before the shared burn-in "
           "ends");
    double sum = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
      const std::string f = x.size() > 1 ? name + "[" + std::to_string(i) + "]" : name;
      if (!std::isfinite(x[i])) fail(f, fmt(x[i]), "a finite number");
      if (x[i] < d.min || x[i] > d.max) fail(f, fmt(x[i]), allowed_range(d.min, d.max));
      if (d.integer && x[i] != std::floor(x[i])) fail(f, fmt(x[i]), "a whole number");
      sum += x[i];
    }
    if (d.check == Check::Probabilities && std::fabs(sum - 1.0) > 1e-6)
      fail(name, "probabilities summing to " + fmt(sum), "probabilities summing to 1 (within 1e-6)");
    if (d.check == Check::Positive && !(sum > 0)) fail(name, "all zero", "at least one value above 0");
    if (d.check == Check::Increasing && x[0] > x[1])
      fail(name, "min " + fmt(x[0]) + " > max " + fmt(x[1]), "min <= max");
  }
  for (std::size_t k = 0; k < p.detection.past_rr.size(); ++k)
    if (p.detection.probability * p.detection.past_rr[k] > 1)
      fail("detection.past_rr[" + std::to_string(k) + "]", fmt(p.detection.past_rr[k]),
           "at most 1 / detection.probability = " + fmt(1 / p.detection.probability) + " (a probability per offence)");
  if (p.run.seed > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
    fail("run.seed", std::to_string(p.run.seed), "a whole number 0 .. 2^63 - 1");
  if (v > 0 && (p.run.seed != base.run.seed || !(p.run.start == base.run.start)))
    fail("run", "a [run] setting in a variant", "[run] only in the baseline");
  if (p.needs.size() > kMaxNeeds) fail("needs", std::to_string(p.needs.size()) + " needs flags", "at most 8 needs flags");
  for (const auto& n : p.needs) {
    const std::string f = "needs." + n.name;
    if (!valid_name(n.name)) fail(f, "\"" + n.name + "\"", "letters, digits, '_', '-', '.'");
    if (!(n.prevalence >= 0 && n.prevalence <= 1)) fail(f + ".prevalence", fmt(n.prevalence), "0 .. 1");
    if (!(n.multiplier >= 0 && n.multiplier <= 100)) fail(f + ".multiplier", fmt(n.multiplier), "0 .. 100");
    if (n.source.empty()) fail(f + ".source", "no source", "a non-empty string (every figure names its source)");
  }
  if (v > 0) {
    bool same = p.needs.size() == base.needs.size();
    for (std::size_t i = 0; same && i < p.needs.size(); ++i)
      same = p.needs[i].name == base.needs[i].name && p.needs[i].prevalence == base.needs[i].prevalence &&
             p.needs[i].multiplier == base.needs[i].multiplier;
    if (!same) fail("needs", "[needs] in a variant", "[needs] only in the baseline (drawn at entry)");
  }
}

void check_field(const Intervention& iv, const InterventionField& f, std::size_t v) {
  auto fail = [&](const std::string& found, const std::string& allowed) {
    throw Invalid(v, iv.name, f.name, found, allowed);
  };
  if (f.kind == FieldKind::number || f.kind == FieldKind::whole) {
    const double x = iv.*f.value;
    if (std::isinf(x) && x > 0 && std::string(f.name) == "places_per_year") return;  // unlimited
    if (!std::isfinite(x) || x < f.min || x > f.max) fail(fmt(x), allowed_range(f.min, f.max));
    if (f.kind == FieldKind::whole && x != std::floor(x)) fail(fmt(x), "a whole number");
  } else if (f.kind == FieldKind::range) {
    const double lo = iv.*f.value, hi = iv.*f.high;
    if (!(lo >= f.min && hi <= f.max)) fail("[" + fmt(lo) + ", " + fmt(hi) + "]", allowed_range(f.min, f.max));
    if (!(lo < hi)) fail("min >= max", "min < max");
  }
}

}  // namespace

bool valid_name(const std::string& name) {
  if (name.empty() || name == "." || name == ".." || name.size() > 64) return false;
  for (char c : name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.')) return false;
  return true;
}

void validate_intervention(const Intervention& iv, const std::vector<NeedFlag>& needs, std::size_t v) {
  auto fail = [&](const std::string& f, const std::string& found, const std::string& allowed) {
    throw Invalid(v, iv.name, f, found, allowed);
  };
  if (iv.name.empty()) fail("name", "no name", "a non-empty name");
  if (!valid_name(iv.name)) fail("name", "\"" + iv.name + "\"", "letters, digits, '_', '-', '.' (at most 64)");
  for (const auto& f : intervention_fields()) check_field(iv, f, v);
  if (!(iv.rr_low <= iv.offending_rr && iv.offending_rr <= iv.rr_high))
    fail("effect.rr_low", "interval [" + fmt(iv.rr_low) + ", " + fmt(iv.rr_high) + "] around " + fmt(iv.offending_rr),
         "rr_low <= offending_rr <= rr_high (the interval must contain the median)");
  if (iv.offending_rr != 1.0 && !iv.interval_given && !iv.interval_assumed)
    fail("effect.rr_low", "an effect without an interval",
         "rr_low and rr_high (95% interval); where none is published, also interval = \"assumed\" with an "
         "interval_note saying why");
  if (iv.interval_assumed && iv.interval_note.empty())
    fail("effect.interval_note", "an assumed interval without a reason", "interval_note = \"why\"");
  for (const auto& n : iv.needs) {
    bool known = false;
    for (const auto& flag : needs) known |= flag.name == n;
    if (!known) fail("needs", "\"" + n + "\"", "a needs flag of the scenario ([needs.<flag>])");
  }
  auto need_target = [&](double share, Target t, const char* key) {
    if (share > 0 && iv.target != t)
      fail(std::string("effect.") + key, std::string("target ") + target_name(iv.target),
           std::string("target = \"") + target_name(t) + "\" for this pathway effect");
  };
  need_target(iv.divert_share, Target::diversion, "divert_share");
  need_target(iv.custody_to_community_share, Target::cusp_of_custody, "custody_to_community_share");
  need_target(iv.ryda_to_bail_share, Target::remand, "ryda_to_bail_share");
  if (iv.target == Target::remand && iv.ryda_to_bail_share == 0)
    fail("target", "remand without ryda_to_bail_share", "target remand only with ryda_to_bail_share");
}

namespace {

void check_calibration(const Scenario& s) {
  const Calibration& c = s.calibration;
  if (c.empty()) return;
  if (c.values.size() != c.parameters.size())
    throw Invalid(0, "", "calibration.values", std::to_string(c.values.size()) + " values",
                  std::to_string(c.parameters.size()) + ", one per calibration.parameters");
  std::vector<ParamElement> elements;
  for (std::size_t i = 0; i < c.parameters.size(); ++i) try {
      elements.push_back(param_element(c.parameters[i]));
    } catch (const std::invalid_argument& e) {
      throw Invalid(0, "", "calibration.parameters", "\"" + c.parameters[i] + "\"", e.what());
    }
  for (std::size_t d = 0; d < c.draws.size(); ++d) {
    const std::string field = "calibration.draws[" + std::to_string(d) + "]";
    if (c.draws[d].size() != c.parameters.size())
      throw Invalid(0, "", field, std::to_string(c.draws[d].size()) + " values",
                    std::to_string(c.parameters.size()) + ", one per calibration.parameters");
    for (std::size_t i = 0; i < elements.size(); ++i) {
      const double x = c.draws[d][i];
      if (!(x >= elements[i].decl->min && x <= elements[i].decl->max))
        throw Invalid(0, "", field, fmt(x) + " for " + c.parameters[i],
                      allowed_range(elements[i].decl->min, elements[i].decl->max));
    }
    for (std::size_t v = 0; v < s.variants.size(); ++v) try {
        check_parameters(replicate_params(s, v, d), replicate_params(s, 0, d), v);
      } catch (const Invalid& e) {
        throw Invalid(0, "", field, e.found + " (" + e.field + ")", e.allowed);
      }
  }
}

}  // namespace

std::size_t draw_of_replicate(const Scenario& s, long replicate) {
  const auto n = s.calibration.draws.size();
  return n == 0 ? 0 : static_cast<std::size_t>(replicate) % n;
}

Params replicate_params(const Scenario& s, std::size_t v, std::size_t draw) {
  Params p = s.variants[v].params;
  const Calibration& c = s.calibration;
  if (c.draws.empty()) return p;
  const Params& base = s.baseline();
  for (std::size_t i = 0; i < c.parameters.size(); ++i) {
    const ParamElement e = param_element(c.parameters[i]);
    if (v == 0 || get_element(p, e) == get_element(base, e)) set_element(p, e, c.draws[draw][i]);
  }
  return p;
}

void validate(const Scenario& s) {
  if (s.variants.empty()) throw Invalid(0, "", "variant", "no baseline", "a baseline");
  const Params& base = s.baseline();
  std::set<std::string> taken;
  for (std::size_t v = 0; v < s.variants.size(); ++v) {
    const Variant& var = s.variants[v];
    if (v == 0 && var.name != "baseline") throw Invalid(0, "", "variant.name", "\"" + var.name + "\"", "\"baseline\" first");
    if (v > 0 && var.name.empty()) throw Invalid(v, "", "variant.name", "no name", "a non-empty name");
    if (v > 0 && !valid_name(var.name))
      throw Invalid(v, "", "variant.name", "\"" + var.name + "\"",
                    "letters, digits, '_', '-', '.', not \".\" or \"..\", at most 64 (it names an HDF5 group)");
    if (!taken.insert(var.name).second)
      throw Invalid(v, "", "variant.name", "\"" + var.name + "\" again", "a name not used before");
    check_parameters(var.params, base, v);
    if (var.interventions.size() > kMaxInterventions)
      throw Invalid(v, "", "intervention", std::to_string(var.interventions.size()) + " interventions", "at most 32");
    std::set<std::string> names;
    for (const auto& iv : var.interventions) {
      validate_intervention(iv, var.params.needs, v);
      if (!names.insert(iv.name).second)
        throw Invalid(v, iv.name, "name", "\"" + iv.name + "\" twice", "unique names");
    }
  }
  check_calibration(s);
}

}  // namespace yjsim::models
