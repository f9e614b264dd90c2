#include "models/interventions.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

#include "models/streams.h"
#include "sim/distributions.h"
#include "sim/random.h"

namespace yjsim::models {

namespace {
constexpr const char* kTargets[] = {"at_risk",  "diversion", "court_order", "cusp_of_custody", "custody",
                                    "released", "transition", "caseload",   "remand"};
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
  const auto w = sim::Stream(seed, purpose_id(Purpose::effect)).words(name_key(iv.name), replicate, 0, 0);
  const double u = (static_cast<double>(w[0] >> 11) + 0.5) * 0x1.0p-53;
  return std::exp(std::log(iv.offending_rr) + sd * sim::standard_normal(u));
}

}  // namespace yjsim::models

namespace yjsim::models {

namespace {

constexpr double kBig = 1e12;  // counts and pounds: no practical limit, but finite

bool set_target(Intervention& iv, const std::string& v) {
  const auto names = target_names();
  const auto it = std::find(names.begin(), names.end(), v);
  if (it == names.end()) return false;
  iv.target = static_cast<Target>(it - names.begin());
  return true;
}
bool one_of(const std::string& v, const char* choices) {
  std::string list = std::string(choices) + ", ";
  return list.find(v + ", ") == 0 || list.find(", " + v + ", ") != std::string::npos;
}

constexpr const char* kEvidence = "strong, moderate, weak, none, harmful";

std::vector<InterventionField> make_fields() {
  using I = Intervention;
  static const std::string targets = [] {
    std::string t;
    for (const auto& n : target_names()) t += (t.empty() ? "" : ", ") + n;
    return t;
  }();
  const auto N = FieldKind::number, W = FieldKind::whole, T = FieldKind::text, C = FieldKind::choice;
  // clang-format off
  return {
  {"name", T, "", 0, 0, nullptr, "unique within the scenario; letters, digits, '_', '-', '.' (the address of its random draws)", false, nullptr, nullptr,
   [](const I& iv) { return iv.name; }, [](I& iv, const std::string& v) { iv.name = v; return true; }, nullptr},
  {"kind", T, "", 0, 0, nullptr, "the kind of service (mentoring, diversion, ...), shown to planners", false, nullptr, nullptr,
   [](const I& iv) { return iv.kind; }, [](I& iv, const std::string& v) { iv.kind = v; return true; }, nullptr},
  {"description", T, "", 0, 0, nullptr, "what the service does, in a sentence", false, nullptr, nullptr,
   [](const I& iv) { return iv.description; }, [](I& iv, const std::string& v) { iv.description = v; return true; }, nullptr},
  {"source", T, "", 0, 0, nullptr, "where the effect and cost come from", false, nullptr, nullptr,
   [](const I& iv) { return iv.source; }, [](I& iv, const std::string& v) { iv.source = v; return true; }, nullptr},
  {"evidence", C, "", 0, 0, kEvidence, "the strength of the evidence for the effect, shown to planners", false, nullptr, nullptr,
   [](const I& iv) { return iv.evidence; },
   [](I& iv, const std::string& v) { if (!one_of(v, kEvidence)) return false; iv.evidence = v; return true; },
   [](const I& iv) { return !iv.evidence.empty(); }},
  {"target", C, "", 0, 0, targets.c_str(), "who is eligible: at_risk, diversion, ..., as described under `target` in docs/interventions.md", false, nullptr, nullptr,
   [](const I& iv) { return std::string(target_name(iv.target)); }, set_target, nullptr},
  {"needs", FieldKind::names, "", 0, 0, nullptr, "needs flags a child must have (all of them), e.g. [\"ete_need\"]", false, nullptr, nullptr, nullptr, nullptr, nullptr},
  {"ages", FieldKind::range, "years [min, max)", 10, 25, nullptr, "ages at which a child is eligible, max exclusive", false, &I::age_min, &I::age_max, nullptr, nullptr, nullptr},
  {"risk_share", N, "share", 1e-6, 1, nullptr, "at_risk: share of children (highest propensity) the screen looks for", true, &I::risk_share, nullptr, nullptr, nullptr, nullptr},
  {"screen_accuracy", N, "share", 0, 1, nullptr, "at_risk: share of the children the screen flags who are in that top share", true, &I::screen_accuracy, nullptr, nullptr, nullptr, nullptr},
  {"window_months", N, "months", 1, 12, nullptr, "released: eligible for this long after release", true, &I::window_months, nullptr, nullptr, nullptr, nullptr},
  {"places_per_year", N, "starts per year", 0, kBig, nullptr, "capacity: new starts a year (omitted: unlimited)", true, &I::places_per_year, nullptr, nullptr, nullptr,
   [](const I& iv) { return iv.limited(); }},
  {"uptake", N, "share", 0, 1, nullptr, "share of eligible children offered a place who take it", true, &I::uptake, nullptr, nullptr, nullptr, nullptr},
  {"duration_months", W, "months", 1, 120, nullptr, "how long a place lasts", true, &I::duration_months, nullptr, nullptr, nullptr, nullptr},
  {"priority", C, "", 0, 0, "risk, arrival", "who gets a scarce place first: highest propensity, or first come", false, nullptr, nullptr,
   [](const I& iv) { return std::string(iv.priority == Priority::risk ? "risk" : "arrival"); },
   [](I& iv, const std::string& v) { if (v != "risk" && v != "arrival") return false; iv.priority = v == "risk" ? Priority::risk : Priority::arrival; return true; }, nullptr},
  {"start_month", W, "month of the horizon", 0, 600, nullptr, "first month with places (0 = the horizon's first month)", true, &I::start_month, nullptr, nullptr, nullptr, nullptr},
  {"ramp_up_months", N, "months", 0, 120, nullptr, "capacity rises linearly to full over these months", true, &I::ramp_up_months, nullptr, nullptr, nullptr, nullptr},
  {"cost_per_place_gbp", N, "GBP per place", 0, kBig, nullptr, "cost of each place started", true, &I::cost_per_place_gbp, nullptr, nullptr, nullptr, nullptr},
  {"fixed_cost_per_year_gbp", N, "GBP per year", 0, kBig, nullptr, "fixed cost of running the service, from its start month", true, &I::fixed_cost_per_year_gbp, nullptr, nullptr, nullptr, nullptr},
  {"price_year", T, "", 0, 0, nullptr, "price year of the costs, e.g. \"2019/20\"", false, nullptr, nullptr,
   [](const I& iv) { return iv.price_year; }, [](I& iv, const std::string& v) { iv.price_year = v; return true; }, nullptr},
  {"effect.offending_rr", N, "rate ratio", 0.01, 10, nullptr, "offending rate ratio while active (median; a sweep keeps the interval's relative width)", true, &I::offending_rr, nullptr, nullptr, nullptr, nullptr},
  {"effect.rr_low", N, "rate ratio", 0.01, 10, nullptr, "lower end of the 95% interval of offending_rr (drawn log-normally per replicate)", false, &I::rr_low, nullptr, nullptr, nullptr,
   [](const I& iv) { return iv.interval_given || iv.interval_assumed; }},
  {"effect.rr_high", N, "rate ratio", 0.01, 10, nullptr, "upper end of the 95% interval of offending_rr", false, &I::rr_high, nullptr, nullptr, nullptr,
   [](const I& iv) { return iv.interval_given || iv.interval_assumed; }},
  {"effect.interval", C, "", 0, 0, "assumed, published", "\"assumed\" where no interval is published (then interval_note says why)", false, nullptr, nullptr,
   [](const I& iv) { return std::string(iv.interval_assumed ? "assumed" : "published"); },
   [](I& iv, const std::string& v) { if (v != "assumed" && v != "published") return false; iv.interval_assumed = v == "assumed"; return true; },
   [](const I& iv) { return iv.interval_assumed; }},
  {"effect.interval_note", T, "", 0, 0, nullptr, "why an assumed interval", false, nullptr, nullptr,
   [](const I& iv) { return iv.interval_note; }, [](I& iv, const std::string& v) { iv.interval_note = v; return true; },
   [](const I& iv) { return iv.interval_assumed; }},
  {"effect.persist_months", W, "months", 0, 120, nullptr, "the offending effect continues this long after the place ends", true, &I::persist_months, nullptr, nullptr, nullptr, nullptr},
  {"effect.breach_rr", N, "rate ratio", 0.01, 10, nullptr, "breach probability ratio while active (ISS)", true, &I::breach_rr, nullptr, nullptr, nullptr, nullptr},
  {"effect.divert_share", N, "share", 0, 1, nullptr, "diversion: share of would-be YC/YCC/charges turned into a supported community resolution", true, &I::divert_share, nullptr, nullptr, nullptr, nullptr},
  {"effect.custody_to_community_share", N, "share", 0, 1, nullptr, "cusp_of_custody: share of custodial sentences replaced by a YRO with this intervention", true, &I::custody_to_community_share, nullptr, nullptr, nullptr, nullptr},
  {"effect.ryda_to_bail_share", N, "share", 0, 1, nullptr, "remand: share of remands to youth detention replaced by bail with this intervention", true, &I::ryda_to_bail_share, nullptr, nullptr, nullptr, nullptr},
  };
  // clang-format on
}

}  // namespace

std::string InterventionField::key() const {
  const std::string n = name;
  return in_effect() ? n.substr(7) : n;
}
bool InterventionField::in_effect() const { return std::string(name).rfind("effect.", 0) == 0; }

const std::vector<InterventionField>& intervention_fields() {
  static const std::vector<InterventionField> table = make_fields();
  return table;
}

const InterventionField* find_intervention_field(const std::string& name) {
  for (const auto& f : intervention_fields())
    if (name == f.name) return &f;
  return nullptr;
}

const InterventionField& intervention_field(const std::string& name) {
  if (const auto* f = find_intervention_field(name)) return *f;
  throw std::out_of_range("no intervention field " + name);
}

std::string intervention_fields_markdown() {
  std::ostringstream out;
  out << "| field | unit | allowed | sweep | what it is |\n|---|---|---|---|---|\n";
  for (const auto& f : intervention_fields()) {
    out << "| `" << f.name << "` | " << f.unit << " | ";
    switch (f.kind) {
      case FieldKind::number: out << f.min << " .. " << f.max; break;
      case FieldKind::whole: out << "whole, " << f.min << " .. " << f.max; break;
      case FieldKind::range: out << "[min, max], " << f.min << " .. " << f.max; break;
      case FieldKind::choice: out << f.choices; break;
      case FieldKind::names: out << "list of needs flags"; break;
      case FieldKind::text: out << "text"; break;
    }
    out << " | " << (f.sweepable ? "yes" : "no") << " | " << f.doc << " |\n";
  }
  return out.str();
}

}  // namespace yjsim::models
