#pragma once
// Commissioned interventions (MODEL.md §8): who is eligible, how many places, what they do, what they cost.
// A definition is plain data, validated when the scenario is read; each replicate draws the effect sizes from
// their 95% intervals once (log-normal), keyed by the intervention's name so that paired variants share them.
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace yjsim::models {

// Where a child becomes eligible (MODEL.md §8). `remand` is yjsim's addition: a child about to be remanded.
enum class Target : std::uint8_t {
  at_risk, diversion, court_order, cusp_of_custody, custody, released, transition, caseload, remand
};
enum class Priority : std::uint8_t { risk, arrival };

struct Intervention {
  std::string name, kind, description, source;
  std::string evidence;        // strong, moderate, weak, none, harmful (shown to planners)
  // who is eligible
  Target target = Target::caseload;
  std::vector<std::string> needs;   // needs flags required (all of them)
  double age_min = 10, age_max = 18;  // years, [min, max)
  double risk_share = 0.2;          // at_risk: share of children the screen looks for
  double screen_accuracy = 0.7;     // at_risk: share of those flagged who are truly in the top risk_share
  double window_months = 3;         // released: months after release
  // how much
  double places_per_year = std::numeric_limits<double>::infinity();  // new starts a year; inf = unlimited
  double uptake = 1.0;              // share of those offered who take part
  double duration_months = 6;
  Priority priority = Priority::arrival;
  double start_month = 0;           // month of the horizon when places start
  double ramp_up_months = 0;        // capacity rises linearly to full over these months
  // what it does
  double offending_rr = 1.0, rr_low = 1.0, rr_high = 1.0;  // median and 95% interval, while active
  bool interval_given = false;      // rr_low and rr_high were stated (equal: a fixed effect, e.g. for a study)
  bool interval_assumed = false;
  std::string interval_note;        // why an assumed interval
  double persist_months = 0;        // the offending effect continues this long after the end
  double breach_rr = 1.0;           // on breach probability while active (ISS)
  double divert_share = 0;          // would-be YC/YCC/charge turned into a supported CR
  double custody_to_community_share = 0;  // custodial sentences replaced by a YRO with this intervention
  double ryda_to_bail_share = 0;    // remands replaced by bail with this intervention
  // cost
  double cost_per_place_gbp = 0, fixed_cost_per_year_gbp = 0;
  std::string price_year;

  bool pathway() const { return divert_share > 0 || custody_to_community_share > 0 || ryda_to_bail_share > 0; }
  bool limited() const { return places_per_year < std::numeric_limits<double>::infinity(); }
  // New places in month t of the horizon (before fractions are carried): ramped capacity / 12.
  double monthly_places(long t) const;
};

const char* target_name(Target t);
std::vector<std::string> target_names();

// The fields of an intervention, declared once (name, unit, allowed range, doc line, whether a sweep may move
// it): the scenario reader and writer, sweep axes, validate(), the desktop app's editor and
// docs/interventions.md all use this table.
enum class FieldKind : std::uint8_t {
  number,  // a real number in [min, max]
  whole,   // a whole number in [min, max]
  text,    // free text
  choice,  // one of `choices`
  names,   // a list of names (needs flags)
  range,   // [low, high] in [min, max], low < high (ages)
};
struct InterventionField {
  const char* name;     // key in [[intervention]], or "effect.<key>" in its [intervention.effect] table
  FieldKind kind;
  const char* unit;
  double min, max;      // number, whole, range: allowed values
  const char* choices;  // choice: the allowed values, ", "-separated
  const char* doc;      // one line for the docs and the app's tooltips
  bool sweepable;       // a sweep axis may set it (numbers only)
  double Intervention::* value;        // number, whole; range: the low end
  double Intervention::* high;         // range: the high end
  std::string (*get)(const Intervention&);              // text, choice
  bool (*set)(Intervention&, const std::string&);       // text, choice; false: not one of the choices
  bool (*written)(const Intervention&);                 // nullptr: always written back; else only when true
  std::string key() const;              // the key within its table ("rr_low" for "effect.rr_low")
  bool in_effect() const;               // in the [intervention.effect] table
};
const std::vector<InterventionField>& intervention_fields();
const InterventionField* find_intervention_field(const std::string& name);  // "uptake", "effect.rr_low"
const InterventionField& intervention_field(const std::string& name);       // throws std::out_of_range
std::string intervention_fields_markdown();  // the field table of docs/interventions.md
std::uint64_t name_key(const std::string& name);  // FNV-1a: the intervention's stream address

// The effect drawn for one replicate: log RR ~ N(log rr, ((log high - log low) / 3.92)^2).
double draw_offending_rr(const Intervention& iv, std::uint64_t seed, std::uint64_t replicate);

}  // namespace yjsim::models
