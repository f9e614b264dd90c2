#include "input/targets.h"

#include <algorithm>
#include <filesystem>

#include "input/scenario_reader.h"
#include "input/toml_util.h"
#include "models/kpis.h"
#include "sim/errors.h"

namespace yjsim::input {

using namespace models;

namespace {

class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}
  [[noreturn]] void fail(long line, const std::string& field, const std::string& found, const std::string& allowed) const {
    throw sim::InputError(file_, line, field, found, allowed);
  }
  [[noreturn]] void fail(const toml::node& n, const std::string& field, const std::string& allowed) const {
    fail(line_of(n), field, describe(n), allowed);
  }
  std::string text(const toml::table& t, const std::string& key, const std::string& field, bool required) const {
    const auto* n = t.get(key);
    if (!n) {
      if (required) fail(std::max(line_of(t), 1L), field, "nothing", "a text value");
      return "";
    }
    if (!n->is_string()) fail(*n, field, "a text value in quotes");
    return n->value<std::string>().value_or("");
  }
  std::optional<double> number(const toml::table& t, const std::string& key, const std::string& field, bool required,
                               double low, double high, const std::string& allowed) const {
    const auto* n = t.get(key);
    if (!n) {
      if (required) fail(std::max(line_of(t), 1L), field, "nothing", allowed);
      return std::nullopt;
    }
    if (!n->is_number()) fail(*n, field, allowed);
    const double x = n->value<double>().value_or(0);
    if (!(x >= low && x <= high)) fail(*n, field, allowed);
    return x;
  }
  sim::YearMonth month(const toml::node& n, const std::string& text, const std::string& field) const {
    const auto m = sim::YearMonth::parse(text);
    if (!m) fail(n, field, "\"YYYY-MM\", e.g. \"2016-01\"");
    return *m;
  }
  void keys(const toml::table& t, const std::string& where, const std::vector<std::string>& allowed) const {
    for (const auto& [k, v] : t) {
      const std::string key(k.str());
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
        std::string list;
        for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
        fail(v, where + key, list);
      }
    }
  }
  const std::string& file() const { return file_; }

 private:
  std::string file_;
};

Target read_target(const Reader& r, const toml::node& node) {
  const auto* t = node.as_table();
  if (!t) r.fail(node, "target", "a table [[target]]");
  r.keys(*t, "target.", {"kpi", "breakdown", "category", "value", "period", "cohort_size", "sd", "holdout", "source"});
  Target g;
  g.line = line_of(node);
  g.kpi = r.text(*t, "kpi", "target.kpi", true);
  if (std::none_of(kpi_table().begin(), kpi_table().end(), [&](const KpiDef& k) { return g.kpi == k.name; })) {
    std::string names;
    for (const auto& k : kpi_table()) names += (names.empty() ? "" : ", ") + std::string(k.name);
    r.fail(*t->get("kpi"), "target.kpi", "a KPI name: " + names);
  }
  g.breakdown = r.text(*t, "breakdown", "target.breakdown", false);
  g.category = r.text(*t, "category", "target.category", false);
  if (!g.breakdown.empty() || !g.category.empty()) {
    const BreakdownDef* def = nullptr;
    for (const auto& b : breakdown_table())
      if (g.breakdown == b.dimension) def = &b;
    std::string dims;
    for (const auto& b : breakdown_table()) dims += (dims.empty() ? "" : ", ") + std::string(b.dimension);
    if (!def) r.fail(t->get("breakdown") ? line_of(*t->get("breakdown")) : g.line, "target.breakdown",
                     "\"" + g.breakdown + "\"", "a breakdown with its category: " + dims);
    if (std::find_if(def->kpis.begin(), def->kpis.end(), [&](const char* k) { return g.kpi == k; }) == def->kpis.end()) {
      std::string ks;
      for (const char* k : def->kpis) ks += (ks.empty() ? "" : ", ") + std::string(k);
      r.fail(*t->get("kpi"), "target.kpi", "a KPI the breakdown " + g.breakdown + " covers: " + ks);
    }
    if (std::find_if(def->categories.begin(), def->categories.end(), [&](const char* c) { return g.category == c; }) ==
        def->categories.end()) {
      std::string cs;
      for (const char* c : def->categories) cs += (cs.empty() ? "" : ", ") + std::string(c);
      r.fail(t->get("category") ? line_of(*t->get("category")) : g.line, "target.category",
             "\"" + g.category + "\"", "a category of " + g.breakdown + ": " + cs);
    }
  }
  g.value = *r.number(*t, "value", "target.value", true, 0, 1e12, "a number >= 0 (rates as fractions: 0.461)");
  const KpiDef& def = kpi_table()[static_cast<std::size_t>(kpi_index(g.kpi))];
  if (std::string(def.unit) == "proportion" && g.value > 1)
    r.fail(*t->get("value"), "target.value", "a fraction 0..1 for " + g.kpi + " (46.1% is 0.461)");
  g.period = r.text(*t, "period", "target.period", true);
  const auto dots = g.period.find("..");
  const auto& pn = *t->get("period");
  if (dots == std::string::npos) r.fail(pn, "target.period", "first..last month, e.g. \"2016-01..2016-12\"");
  g.first = r.month(pn, g.period.substr(0, dots), "target.period");
  g.last = r.month(pn, g.period.substr(dots + 2), "target.period");
  if (sim::months_between(g.first, g.last) < 0) r.fail(pn, "target.period", "a first month no later than the last");
  g.cohort_size = r.number(*t, "cohort_size", "target.cohort_size", false, 1, 1e9, "a number of children >= 1");
  g.sd = r.number(*t, "sd", "target.sd", false, 1e-12, 1e12, "a standard deviation > 0, in the KPI's unit");
  if (const auto* h = t->get("holdout")) {
    if (!h->is_boolean()) r.fail(*h, "target.holdout", "true or false");
    g.holdout = h->value<bool>().value_or(false);
  }
  g.source = r.text(*t, "source", "target.source", true);
  return g;
}

std::string allowed_text(const ParamElement& e) {
  return "a number in " + fmt(e.decl->min) + " .. " + fmt(e.decl->max) + " (the parameter's allowed values)";
}

FitRange read_fit(const Reader& r, const toml::node& node) {
  const auto* t = node.as_table();
  if (!t) r.fail(node, "fit", "a table [[fit]]");
  r.keys(*t, "fit.", {"parameter", "low", "high"});
  FitRange f;
  f.line = line_of(node);
  f.parameter = r.text(*t, "parameter", "fit.parameter", true);
  ParamElement e{};
  try {
    e = param_element(f.parameter);
  } catch (const std::invalid_argument& x) {
    r.fail(*t->get("parameter"), "fit.parameter", x.what());
  }
  const std::string range = allowed_text(e);
  f.low = *r.number(*t, "low", "fit.low", true, e.decl->min, e.decl->max, range);
  f.high = *r.number(*t, "high", "fit.high", true, e.decl->min, e.decl->max, range);
  if (!(f.low < f.high)) r.fail(*t->get("high"), "fit.high", "a number above low (" + fmt(f.low) + ")");
  return f;
}

// [population] overrides: numbers or arrays for the scenario's population parameters.
void apply_population(const Reader& r, const toml::table& pop, Params& p) {
  for (const auto& [k, v] : pop) {
    const std::string name = "population." + std::string(k.str());
    const ParamDecl* decl = nullptr;
    for (const auto& d : parameter_table())
      if (name == d.name) decl = &d;
    if (!decl) r.fail(v, "population." + std::string(k.str()), "a population parameter (`yjsim params`), e.g. size_10_17");
    auto x = decl->ref(p);
    if (const auto* arr = v.as_array()) {
      if (arr->size() != x.size() || !arr->is_homogeneous(toml::node_type::none) ||
          std::any_of(arr->begin(), arr->end(), [](const toml::node& e) { return !e.is_number(); }))
        r.fail(v, name, "an array of " + std::to_string(x.size()) + " numbers");
      for (std::size_t i = 0; i < x.size(); ++i) x[i] = (*arr)[i].value<double>().value_or(0);
    } else if (v.is_number() && x.size() == 1) {
      x[0] = v.value<double>().value_or(0);
    } else {
      r.fail(v, name, x.size() == 1 ? "a number" : "an array of " + std::to_string(x.size()) + " numbers");
    }
  }
}

}  // namespace

TargetsFile parse_targets(const std::string& text, const std::string& file) {
  const Reader r(file);
  const toml::table root = parse_toml(text, file);
  r.keys(root, "", {"scenario", "area", "start", "population", "target", "fit"});
  TargetsFile out;
  out.file = file;
  out.text = text;
  out.area = r.text(root, "area", "area", true);
  const std::string scenario = r.text(root, "scenario", "scenario", true);
  out.scenario = (std::filesystem::path(file).parent_path() / scenario).lexically_normal().string();
  const auto* targets = root.get("target");
  if (!targets || !targets->as_array() || targets->as_array()->empty())
    r.fail(targets ? line_of(*targets) : 1, "target", targets ? describe(*targets) : "no [[target]]",
           "one or more tables [[target]] (docs/calibration.md)");
  for (const auto& node : *targets->as_array()) out.targets.push_back(read_target(r, node));
  if (const auto* fit = root.get("fit")) {
    if (!fit->as_array()) r.fail(*fit, "fit", "tables [[fit]]");
    for (const auto& node : *fit->as_array()) out.fit.push_back(read_fit(r, node));
  }
  if (std::none_of(out.targets.begin(), out.targets.end(), [](const Target& g) { return !g.holdout; }))
    r.fail(line_of(*targets), "target.holdout", "every target held out", "at least one target that is fitted");
  // The run: from `start` (or the earliest target) to the last target's last month, in whole quarters.
  if (root.get("start")) out.start = r.month(*root.get("start"), r.text(root, "start", "start", true), "start");
  else {
    out.start = out.targets.front().first;
    for (const auto& g : out.targets)
      if (sim::months_between(g.first, out.start) > 0) out.start = g.first;
  }
  long months = 0;
  for (const auto& g : out.targets) {
    const long a = sim::months_between(out.start, g.first), b = sim::months_between(out.start, g.last);
    const bool distinct = g.kpi == "children_cautioned_or_sentenced";  // counted once a year (docs/kpis.md)
    if (distinct && (a % 12 != 0 || b - a != 11))
      r.fail(g.line, "target.period", "\"" + g.period + "\"",
             "one year of the run from " + out.start.iso() + " (distinct children do not add over quarters)");
    if (a < 0 || a % 3 != 0 || (b + 1) % 3 != 0)
      r.fail(g.line, "target.period", "\"" + g.period + "\"",
             "whole quarters of the run from " + out.start.iso() + " (first month " + out.start.iso() +
                 " + 3k, last month + 1 a multiple of 3 after it)");
    months = std::max(months, b + 1);
  }
  out.base = load_scenario(out.scenario);
  Params& p = out.base.variants[0].params;
  if (const auto* pop = root.get("population")) {
    if (!pop->as_table()) r.fail(*pop, "population", "a table [population]");
    apply_population(r, *pop->as_table(), p);
  }
  p.run.start = out.start;
  p.run.months = static_cast<decltype(p.run.months)>(months);
  // Variants are the baseline with their changes: carry the new population and run to them too.
  for (std::size_t v = 1; v < out.base.variants.size(); ++v) {
    out.base.variants[v].params.run = p.run;
    out.base.variants[v].params.population = p.population;
  }
  try {
    validate(out.base);
  } catch (const Invalid& e) {
    r.fail(root.get("population") ? line_of(*root.get("population")) : 1, e.field, e.found, e.allowed);
  }
  return out;
}

TargetsFile load_targets(const std::string& path) {
  return parse_targets(read_text_file(path, "a path to an existing targets file (.targets.toml)"), path);
}

}  // namespace yjsim::input
