#include "input/scenario_writer.h"

#include <cmath>
#include <sstream>
#include <toml++/toml.h>

#include "input/toml_util.h"

namespace yjsim::input {

using namespace models;

namespace {

toml::table* section(toml::table& root, const std::string& name) {
  if (!root.contains(name)) root.insert(name, toml::table{});
  return root.get(name)->as_table();
}

void put(toml::table& t, const std::string& key, const ParamDecl& d, std::span<const double> v) {
  if (v.size() == 1) {
    if (d.integer) t.insert_or_assign(key, static_cast<std::int64_t>(v[0]));
    else t.insert_or_assign(key, v[0]);
    return;
  }
  toml::array a;
  for (double x : v) {
    if (d.integer) a.push_back(static_cast<std::int64_t>(x));
    else a.push_back(x);
  }
  t.insert_or_assign(key, std::move(a));
}

// Parameters of `p` (all, or only those differing from `base`), into sections of `root`.
void parameters(toml::table& root, const Params& p, const Params* base) {
  Params copy = p, base_copy = base ? *base : p;
  for (const auto& d : parameter_table()) {
    const std::string name = d.name;
    const auto dot = name.find('.');
    const std::string sec = name.substr(0, dot), key = name.substr(dot + 1);
    const auto v = d.ref(copy);
    if (base) {
      const auto b = d.ref(base_copy);
      if (std::equal(v.begin(), v.end(), b.begin()) || d.fixed_at_entry) continue;
    }
    put(*section(root, sec), key, d, v);
  }
  if (!base) {
    auto* run = section(root, "run");
    run->insert_or_assign("start", p.run.start.iso());
    run->insert_or_assign("seed", static_cast<std::int64_t>(p.run.seed));
    auto* needs = section(root, "needs");
    for (const auto& n : p.needs)
      needs->insert_or_assign(n.name, toml::table{{"prevalence", n.prevalence}, {"multiplier", n.multiplier},
                                                  {"source", n.source}});
  }
}

// Every field of the table that is written back (docs/interventions.md), top-level keys and [effect].
toml::table intervention(const Intervention& iv) {
  toml::table t, e;
  for (const auto& f : intervention_fields()) {
    if (f.written && !f.written(iv)) continue;
    toml::table& into = f.in_effect() ? e : t;
    const std::string k = f.key();
    switch (f.kind) {
      case FieldKind::number: into.insert(k, iv.*f.value); break;
      case FieldKind::whole: into.insert(k, static_cast<std::int64_t>(iv.*f.value)); break;
      case FieldKind::text:
      case FieldKind::choice: into.insert(k, f.get(iv)); break;
      case FieldKind::names: {
        toml::array names;
        for (const auto& n : iv.needs) names.push_back(n);
        into.insert(k, std::move(names));
        break;
      }
      case FieldKind::range: into.insert(k, toml::array{iv.*f.value, iv.*f.high}); break;
    }
  }
  t.insert("effect", std::move(e));
  return t;
}

bool same(const Intervention& a, const Intervention& b) {
  std::ostringstream x, y;
  x << intervention(a);
  y << intervention(b);
  return x.str() == y.str();
}

// The calibration (docs/calibration.md): its start and population are already in [run] and [population].
toml::table calibration(const Calibration& c) {
  toml::table t;
  t.insert("area", c.area);
  t.insert("date", c.date);
  t.insert("targets", c.targets);
  t.insert("method", c.method);
  toml::array fitted, names, values, draws;
  for (const auto& f : c.fitted_to) fitted.push_back(f);
  for (const auto& n : c.parameters) names.push_back(n);
  for (double v : c.values) values.push_back(v);
  for (const auto& d : c.draws) {
    toml::array row;
    for (double v : d) row.push_back(v);
    draws.push_back(std::move(row));
  }
  t.insert("fitted_to", std::move(fitted));
  t.insert("parameters", std::move(names));
  t.insert("values", std::move(values));
  t.insert("draws", std::move(draws));
  return t;
}

}  // namespace

std::string scenario_to_toml(const Scenario& s) {
  toml::table root;
  const Variant& base = s.variants.front();
  parameters(root, base.params, nullptr);
  if (!s.calibration.empty()) root.insert("calibration", calibration(s.calibration));
  toml::array ivs;
  for (const auto& iv : base.interventions) ivs.push_back(intervention(iv));
  if (!ivs.empty()) root.insert("intervention", std::move(ivs));
  toml::array variants;
  for (std::size_t v = 1; v < s.variants.size(); ++v) {
    const Variant& var = s.variants[v];
    toml::table t{{"name", var.name}, {"description", var.description}};
    parameters(t, var.params, &base.params);
    toml::array removed, changed;
    for (const auto& b : base.interventions) {
      bool kept = false;
      for (const auto& iv : var.interventions) kept |= iv.name == b.name;
      if (!kept) removed.push_back(b.name);
    }
    for (const auto& iv : var.interventions) {
      const Intervention* b = nullptr;
      for (const auto& x : base.interventions)
        if (x.name == iv.name) b = &x;
      if (!b || !same(*b, iv)) changed.push_back(intervention(iv));
    }
    if (!removed.empty()) t.insert("remove_interventions", std::move(removed));
    if (!changed.empty()) t.insert("intervention", std::move(changed));
    variants.push_back(std::move(t));
  }
  if (!variants.empty()) root.insert("variant", std::move(variants));
  // Strings as basic strings with escapes (input/toml_util.h): any valid scenario reads back identically.
  return "# Scenario written by yjsim: every parameter of the baseline, then each variant's changes.\n"
         "# `yjsim params` lists the parameters with their units, ranges and sources.\n\n" +
         to_toml(root) + '\n';
}

}  // namespace yjsim::input
