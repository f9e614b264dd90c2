#pragma once
// A scenario: the frozen description of a run (docs/model.md, docs/interventions.md), however it was made (a file,
// the desktop app, a sweep point). Variant 0 is always the baseline; each variant is the baseline with its
// changes applied.
#include <stdexcept>
#include <string>
#include <vector>

#include "models/interventions.h"
#include "models/parameters.h"

namespace yjsim::models {

struct Variant {
  std::string name;
  std::string description;
  Params params;
  std::vector<Intervention> interventions;  // commissioned in this variant (the baseline's, changed)
};

// A calibration (docs/calibration.md): what the scenario was fitted to, the fitted values (already in every
// variant's parameters where the variant does not change them) and the posterior draws. With draws, replicate r
// of every variant runs with draws[r mod N] (parameter uncertainty beside the stochastic noise).
// One of the area's published figures a calibration was fitted to (or held out for a check), kept so that a
// board pack can draw it on the charts and in a funnel plot (docs/calibration.md "The calibrated scenario").
struct PublishedFigure {
  std::string kpi, breakdown, category;  // breakdown and category: "" for the KPI itself
  double value = 0;                      // in the KPI's unit (rates as fractions)
  std::string period;                    // "2016-01..2016-12": first..last month
  double cohort_size = 0;                // 0: not published
  bool holdout = false;
  std::string source;
};

struct Calibration {
  std::string area, date, targets, method;
  std::vector<std::string> fitted_to;      // one line per target, for people
  std::vector<PublishedFigure> published;  // the same targets, structured (empty in files written before it was)
  std::vector<std::string> parameters;     // ParamElement names
  std::vector<double> values;              // fitted, per parameter
  std::vector<std::vector<double>> draws;  // [draw][parameter]
  bool empty() const { return parameters.empty(); }
};

struct Scenario {
  std::string file;               // path as given
  std::string text;               // the full text that was read
  std::vector<Variant> variants;  // baseline first
  std::vector<Intervention> catalogue;  // templates from the file's `catalogue` (for `use`, and for front ends)
  Calibration calibration;
  const Params& baseline() const { return variants.front().params; }
};

// A rule of the description broken (validate): where, and the field as a scenario file names it, so that a
// reader can point at the file's line and a front end at its control.
struct Invalid : std::runtime_error {
  std::size_t variant;       // index in Scenario::variants (0: the baseline, or a catalogue entry)
  std::string intervention;  // the intervention's name; "" for a parameter or the variant itself
  std::string field;         // "court.ryda[2]", "effect.rr_low", "variant.name", "needs.slcn.prevalence", ...
  std::string found, allowed;
  Invalid(std::size_t v, std::string iv, std::string f, std::string found_, std::string allowed_);
};

// The one check of a description, whoever made it (a file, the desktop app, a sweep point, a fit): every value
// in its allowed range, probability rows summing to 1, what a variant may not change unchanged, interventions
// consistent. Throws Invalid at the first rule broken.
void validate(const Scenario& s);
// One intervention against the scenario's needs flags (catalogue entries are checked against the defaults).
void validate_intervention(const Intervention& iv, const std::vector<NeedFlag>& needs, std::size_t variant = 0);
// A name that can be an HDF5 group and a random-stream key: letters, digits, '_', '-', '.', not "." or "..".
bool valid_name(const std::string& name);
// The parameters of variant v in replicate r: with posterior draws, draw r mod N set wherever the variant keeps
// the calibrated value (a variant that changes a calibrated parameter keeps its change).
Params replicate_params(const Scenario& s, std::size_t v, std::size_t draw);
std::size_t draw_of_replicate(const Scenario& s, long replicate);  // r mod N; 0 without draws


}  // namespace yjsim::models
