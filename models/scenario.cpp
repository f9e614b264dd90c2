#include "models/scenario.h"

#include <cmath>
#include <fstream>
#include <set>
#include <sstream>
#include <toml++/toml.h>

#include "sim/errors.h"

namespace yjsim::models {

namespace {

using sim::InputError;

const char* const kSections[] = {"population", "offending", "desistance", "detection",
                                 "outcome",    "court",     "orders",     "costs"};

long line_of(const toml::node& n) { return static_cast<long>(n.source().begin.line); }

std::string describe(const toml::node& n) {
  std::ostringstream s;
  if (n.is_string()) s << '"' << n.as_string()->get() << '"';
  else if (n.is_array()) s << "an array of " << n.as_array()->size();
  else if (n.is_table()) s << "a table";
  else if (n.is_boolean()) s << (n.as_boolean()->get() ? "true" : "false");
  else if (auto v = n.value<double>()) s << *v;
  else s << "a value of another type";
  return s.str();
}

std::string fmt(double x) {
  std::ostringstream s;
  s << x;
  return s.str();
}

class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  [[noreturn]] void fail(const toml::node& n, const std::string& field, const std::string& found,
                         const std::string& allowed) const {
    throw InputError(file_, line_of(n), field, found, allowed);
  }

  double number(const toml::node& n, const std::string& field, const ParamDecl* d) const {
    auto v = n.value<double>();
    if (!v || n.is_boolean()) fail(n, field, describe(n), "a number");
    const double x = *v;
    if (!std::isfinite(x)) fail(n, field, describe(n), "a finite number");
    if (d) {
      if (x < d->min || x > d->max)
        fail(n, field, fmt(x), d->max >= 1e299 ? ">= " + fmt(d->min) : fmt(d->min) + " .. " + fmt(d->max));
      if (d->integer && x != std::floor(x)) fail(n, field, fmt(x), "a whole number");
    }
    return x;
  }

  void parameter(const toml::node& n, const ParamDecl& d, Params& p, bool in_variant) const {
    const std::string field = d.name;
    if (in_variant && d.fixed_at_entry)
      fail(n, field, "a change in a variant",
           "changes only in the baseline: this parameter is drawn when a child enters, before the shared burn-in "
           "ends");
    auto target = d.ref(p);
    if (target.size() == 1) {
      target[0] = number(n, field, &d);
      return;
    }
    const auto* a = n.as_array();
    if (!a || a->size() != target.size())
      fail(n, field, describe(n), "an array of " + std::to_string(target.size()) + " numbers (" + d.unit + ")");
    double sum = 0;
    for (std::size_t i = 0; i < a->size(); ++i) {
      target[i] = number(*a->get(i), field + "[" + std::to_string(i) + "]", &d);
      sum += target[i];
    }
    if (d.check == Check::Probabilities && std::fabs(sum - 1.0) > 1e-6)
      fail(n, field, "probabilities summing to " + fmt(sum), "probabilities summing to 1 (within 1e-6)");
    if (d.check == Check::Positive && !(sum > 0)) fail(n, field, "all zero", "at least one value above 0");
    if (d.check == Check::Increasing && target[0] > target[1])
      fail(n, field, "min " + fmt(target[0]) + " > max " + fmt(target[1]), "min <= max");
  }

  void section(const toml::node& node, const std::string& name, Params& p, bool in_variant) const {
    const auto* t = node.as_table();
    if (!t) fail(node, name, describe(node), "a table [" + name + "]");
    for (const auto& [key, value] : *t) {
      const std::string full = name + "." + std::string(key.str());
      const ParamDecl* decl = nullptr;
      for (const auto& d : parameter_table())
        if (full == d.name) decl = &d;
      if (name == "run" && in_variant) fail(value, full, "a [run] setting in a variant", "[run] only in the baseline");
      if (full == "run.start") {
        auto s = value.value<std::string>();
        auto ym = s ? sim::YearMonth::parse(*s) : std::nullopt;
        if (!ym) fail(value, full, describe(value), "a month \"YYYY-MM\"");
        p.run.start = *ym;
        continue;
      }
      if (full == "run.seed") {
        auto v = value.value<std::int64_t>();
        if (!v || *v < 0 || !value.is_integer()) fail(value, full, describe(value), "a whole number >= 0");
        p.run.seed = static_cast<std::uint64_t>(*v);
        continue;
      }
      if (!decl) fail(value, full, "an unknown parameter", allowed_keys(name));
      parameter(value, *decl, p, in_variant);
    }
  }

  std::string allowed_keys(const std::string& section_name) const {
    std::string keys;
    const std::string prefix = section_name + ".";
    for (const auto& d : parameter_table()) {
      std::string n = d.name;
      if (n.rfind(prefix, 0) == 0) keys += (keys.empty() ? "" : ", ") + n.substr(prefix.size());
    }
    if (section_name == "run") keys += ", start, seed";
    return keys.empty() ? "no keys" : keys;
  }

  void needs(const toml::node& node, Params& p, bool in_variant) const {
    if (in_variant) fail(node, "needs", "[needs] in a variant", "[needs] only in the baseline (drawn at entry)");
    const auto* t = node.as_table();
    if (!t) fail(node, "needs", describe(node), "tables [needs.<flag>]");
    for (const auto& [key, value] : *t) {
      const std::string flag(key.str());
      const std::string field = "needs." + flag;
      const auto* ft = value.as_table();
      if (!ft) fail(value, field, describe(value), "a table with prevalence, multiplier, source");
      NeedFlag* target = nullptr;
      for (auto& n : p.needs)
        if (n.name == flag) target = &n;
      const bool added = target == nullptr;
      if (added) {
        if (p.needs.size() >= 8) fail(value, field, "a 9th needs flag", "at most 8 needs flags");
        p.needs.push_back(NeedFlag{flag, 0, 1, ""});
        target = &p.needs.back();
      }
      ParamDecl share{"", "share", 0, 1, {}, "", false, false, Check::None, nullptr};
      ParamDecl mult{"", "rate ratio", 0, 100, {}, "", false, false, Check::None, nullptr};
      for (const auto& [k, v] : *ft) {
        const std::string kk(k.str());
        if (kk == "prevalence") target->prevalence = number(v, field + ".prevalence", &share);
        else if (kk == "multiplier") target->multiplier = number(v, field + ".multiplier", &mult);
        else if (kk == "source") {
          auto s = v.value<std::string>();
          if (!s || s->empty()) fail(v, field + ".source", describe(v), "a non-empty string");
          target->source = *s;
        } else fail(v, field + "." + kk, "an unknown key", "prevalence, multiplier, source");
      }
      if (added && (!ft->contains("prevalence") || !ft->contains("multiplier") || !ft->contains("source")))
        fail(value, field, "a new flag without prevalence, multiplier and source",
             "a new flag states all three (every figure names its source)");
    }
  }

  Variant variant(const toml::node& node, const Params& base, const std::set<std::string>& taken) const {
    const auto* t = node.as_table();
    if (!t) fail(node, "variant", describe(node), "a table [[variant]]");
    Variant v{"", "", base};
    for (const auto& [key, value] : *t) {
      const std::string k(key.str());
      if (k == "name" || k == "description") {
        auto s = value.value<std::string>();
        if (!s) fail(value, "variant." + k, describe(value), "a string");
        (k == "name" ? v.name : v.description) = *s;
      } else if (k == "needs") {
        needs(value, v.params, true);
      } else if (is_section(k) || k == "run") {
        section(value, k, v.params, true);
      } else {
        fail(value, "variant." + k, "an unknown key", "name, description, and parameter sections");
      }
    }
    if (v.name.empty()) fail(node, "variant.name", "no name", "a non-empty name");
    for (char c : v.name)
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.'))
        fail(node, "variant.name", "\"" + v.name + "\"", "letters, digits, '_', '-', '.' (it names an HDF5 group)");
    if (taken.count(v.name)) fail(node, "variant.name", "\"" + v.name + "\" again", "a name not used before");
    return v;
  }

  static bool is_section(const std::string& k) {
    for (const char* s : kSections)
      if (k == s) return true;
    return false;
  }

  std::string file_;
};

}  // namespace

Scenario parse_scenario(std::string_view text, const std::string& file) {
  Reader r(file);
  toml::table root;
  try {
    root = toml::parse(text, file);
  } catch (const toml::parse_error& e) {
    throw InputError(file, static_cast<long>(e.source().begin.line), "", "malformed TOML (" +
                     std::string(e.description()) + ")", "TOML 1.0 syntax");
  }
  Scenario s{file, std::string(text), {}};
  Variant base{"baseline", "the scenario as given, without variants", default_params()};
  for (const auto& [key, value] : root) {
    const std::string k(key.str());
    if (k == "run" || Reader::is_section(k)) r.section(value, k, base.params, false);
    else if (k == "needs") r.needs(value, base.params, false);
    else if (k == "variant") continue;
    else if (k == "intervention")
      r.fail(value, k, "[[intervention]]", "sections run, population, offending, desistance, detection, outcome, "
             "court, orders, costs, needs, variant (interventions are not in this version yet)");
    else
      r.fail(value, k, "an unknown section", "run, population, offending, desistance, detection, outcome, court, "
             "orders, costs, needs, variant");
  }
  s.variants.push_back(base);
  if (const auto* vs = root.get("variant")) {
    const auto* arr = vs->as_array();
    if (!arr) r.fail(*vs, "variant", describe(*vs), "an array of tables [[variant]]");
    std::set<std::string> taken{"baseline"};
    for (const auto& node : *arr) {
      s.variants.push_back(r.variant(node, base.params, taken));
      taken.insert(s.variants.back().name);
    }
  }
  return s;
}

Scenario load_scenario(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, 0, "", "no readable file", "a path to an existing scenario file (.toml)");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_scenario(text.str(), path);
}

}  // namespace yjsim::models
