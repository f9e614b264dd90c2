#include "input/scenario_writer.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <map>
#include <sstream>
#include <vector>
#include <toml++/toml.h>

#include "input/toml_util.h"
#include "sim/number_text.h"

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

// ---- numbers: toml++ writes doubles with 17 significant digits; a planner reads "0.04154" ----

bool number_start(const std::string& t, std::size_t i) {
  const char c = t[i];
  const bool digit = c >= '0' && c <= '9';
  const bool sign = (c == '-' || c == '+') && i + 1 < t.size() && t[i + 1] >= '0' && t[i + 1] <= '9';
  if (!digit && !sign) return false;
  if (i == 0) return true;
  const char b = t[i - 1];
  return !(std::isalnum(static_cast<unsigned char>(b)) || b == '_' || b == '.' || b == '-' || b == '+');
}

// A float literal's shortest round-tripping form; integers and anything else as they are.
std::string shorter(const std::string& token) {
  if (token.find_first_of(".eE") == std::string::npos) return token;
  char* end = nullptr;
  const double x = std::strtod(token.c_str(), &end);
  if (end != token.c_str() + token.size() || !std::isfinite(x)) return token;
  std::string out = sim::shortest_text(x);
  if (out.find_first_of(".e") == std::string::npos) out += ".0";  // stays a float
  return out;
}

// Every number outside strings and comments in `line`, shortened.
std::string shorten_numbers(const std::string& line) {
  std::string out;
  bool in_string = false;
  for (std::size_t i = 0; i < line.size();) {
    const char c = line[i];
    if (in_string) {
      out += c;
      if (c == '\\' && i + 1 < line.size()) out += line[++i];
      else if (c == '"') in_string = false;
      ++i;
    } else if (c == '"') {
      in_string = true;
      out += c;
      ++i;
    } else if (c == '#') {
      out += line.substr(i);
      break;
    } else if (number_start(line, i)) {
      std::size_t j = i + 1;
      while (j < line.size() && (std::isalnum(static_cast<unsigned char>(line[j])) || line[j] == '.' ||
                                 ((line[j] == '-' || line[j] == '+') && (line[j - 1] == 'e' || line[j - 1] == 'E'))))
        ++j;
      out += shorter(line.substr(i, j - i));
      i = j;
    } else {
      out += c;
      ++i;
    }
  }
  return out;
}

std::string shorten_all(const std::string& text) {
  std::istringstream in(text);
  std::string out;
  for (std::string line; std::getline(in, line);) {
    // Keys come before '=': only the value part holds numbers to shorten.
    const auto eq = line.find(" = ");
    out += eq == std::string::npos ? shorten_numbers(line) : line.substr(0, eq + 3) + shorten_numbers(line.substr(eq + 3));
    out += '\n';
  }
  return out;
}

// ---- comments of the original file ----

std::string trim(const std::string& s) {
  const auto a = s.find_first_not_of(" \t\r");
  if (a == std::string::npos) return "";
  return s.substr(a, s.find_last_not_of(" \t\r") - a + 1);
}

// The position of a '#' that starts a comment (not inside a string), or npos.
std::size_t comment_at(const std::string& line) {
  bool in_string = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (in_string && line[i] == '\\') ++i;
    else if (line[i] == '"') in_string = !in_string;
    else if (!in_string && line[i] == '#') return i;
  }
  return std::string::npos;
}

struct KeyComments {
  std::vector<std::string> above;
  std::string beside;  // "# ..." after the value
  std::string value;   // the value's text
};

struct FileComments {
  std::vector<std::string> header;                     // the opening comment block
  std::map<std::string, KeyComments> keys;             // "<block>.key" (block_id)
  std::map<std::string, std::vector<std::string>> headers;  // comments above a "[section]"/"[[array]]" line, by block
};

// A "[section]" or "[[array]]" line: its path ("variant.intervention") and whether it is an array element.
// A line of a multi-line array ("[0.05, 0.95],") is not one: a header's name starts with a letter or a quote.
bool header_line(const std::string& t, std::string& path, bool& array) {
  if (t.size() < 3 || t[0] != '[') return false;
  array = t[1] == '[';
  const std::size_t open = array ? 2 : 1;
  const auto close = t.find(']', open);
  if (close == std::string::npos) return false;
  const std::string name = trim(t.substr(open, close - open));
  if (name.empty() || !(std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '"')) return false;
  for (char c : name)
    if (c == ',' || c == '[') return false;
  path = name;
  return true;
}

// The string value of `key = "..."` on a line, or "".
std::string string_value(const std::string& t, const char* key) {
  const auto eq = t.find('=');
  if (eq == std::string::npos || trim(t.substr(0, eq)) != key) return "";
  try {
    const toml::table x = parse_toml("v = " + trim(t.substr(eq + 1)), "");
    return x.get("v") && x.get("v")->is_string() ? x.get("v")->value<std::string>().value_or("") : "";
  } catch (const std::exception&) {
    return "";
  }
}

// A text cut into blocks at each header line, each with an id that names the same block in another text:
// "run", "variant[mentoring].offending", "variant[mentoring].intervention[mentoring_cusp]", "intervention[panel]"
// (array elements by their name, else their `use`), so that the comments inside [[variant]] and
// [[intervention]] are found again whatever the order of keys and blocks.
struct Block {
  std::string id;
  std::vector<std::string> lines;  // the header line first (none for the top of the file)
  std::vector<std::string> above;  // comment lines just above the header (in the original)
};

std::vector<Block> blocks(const std::string& text) {
  std::vector<Block> out(1);
  std::vector<std::string> paths(1), names(1);  // per block: its path, and its own name (array elements)
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    const std::string t = trim(line);
    std::string path;
    bool array = false;
    if (header_line(t, path, array)) {
      Block b;
      while (!out.back().lines.empty() && trim(out.back().lines.back()).rfind('#', 0) == 0) {  // comments above
        b.above.insert(b.above.begin(), trim(out.back().lines.back()));
        out.back().lines.pop_back();
      }
      b.lines.push_back(line);
      out.push_back(std::move(b));
      paths.push_back((array ? "[]" : "") + path);
      names.emplace_back();
      continue;
    }
    if (paths.back().rfind("[]", 0) == 0) {  // an element's name wins over its `use` (the template's name)
      if (const std::string n = string_value(t, "name"); !n.empty()) names.back() = n;
      else if (const std::string u = string_value(t, "use"); !u.empty() && names.back().empty()) names.back() = "use:" + u;
    }
    out.back().lines.push_back(line);
  }
  // Ids: an array element's path segments carry the name of the element they belong to.
  std::map<std::string, std::string> current;  // array path -> the id of its latest element
  for (std::size_t i = 1; i < out.size(); ++i) {
    const bool array = paths[i].rfind("[]", 0) == 0;
    const std::string path = array ? paths[i].substr(2) : paths[i];
    // The longest array path that prefixes this one is its parent element ("variant" for "variant.offending").
    std::string parent, rest = path, longest;
    for (const auto& [p, id] : current)
      if (path.size() > p.size() && path.compare(0, p.size(), p) == 0 && path[p.size()] == '.' && p.size() > longest.size()) {
        longest = p;
        parent = id;
        rest = path.substr(p.size() + 1);
      }
    std::string name = names[i];
    if (name.rfind("use:", 0) == 0) name = name.substr(4);
    out[i].id = (parent.empty() ? "" : parent + ".") + rest + (array ? "[" + name + "]" : "");
    if (array) current[path] = out[i].id;
  }
  return out;
}

FileComments file_comments(const std::string& original) {
  FileComments f;
  const std::vector<Block> bs = blocks(original);
  // The opening comment: the comment paragraphs before the first key or header, each ended by a blank line.
  std::vector<std::string> pending;
  for (const auto& line : bs.front().lines) {
    const std::string t = trim(line);
    if (t.empty()) {
      if (!pending.empty()) {
        f.header.insert(f.header.end(), pending.begin(), pending.end());
        f.header.push_back("");
      }
      pending.clear();
    } else if (t[0] == '#') {
      pending.push_back(t);
    } else {
      break;
    }
  }
  for (const auto& b : bs) {
    if (!b.id.empty() && !b.above.empty()) f.headers[b.id] = b.above;
    pending.clear();
    for (std::size_t i = b.id.empty() ? 0 : 1; i < b.lines.size(); ++i) {
      const std::string t = trim(b.lines[i]);
      if (t.empty()) {
        pending.clear();
        continue;
      }
      if (t[0] == '#') {
        pending.push_back(t);
        continue;
      }
      const auto eq = t.find('=');
      if (eq != std::string::npos && !b.id.empty()) {
        const auto hash = comment_at(t);
        KeyComments k{pending, hash == std::string::npos ? "" : t.substr(hash),
                      trim(t.substr(eq + 1, hash == std::string::npos ? std::string::npos : hash - eq - 1))};
        f.keys[b.id + "." + trim(t.substr(0, eq))] = std::move(k);
      }
      pending.clear();
    }
  }
  return f;
}

// Do two TOML values mean the same? Numbers compare as numbers (the file's "0" and the writer's "0.0").
bool same_value(const std::string& a, const std::string& b) {
  if (a == b) return true;
  try {
    const toml::table x = parse_toml("v = " + a, ""), y = parse_toml("v = " + b, "");
    const auto as_numbers = [](const toml::node* n, std::vector<double>& out) {
      if (!n) return false;
      if (n->is_number()) {
        out.push_back(n->value<double>().value_or(NAN));
        return true;
      }
      const toml::array* arr = n->as_array();
      if (!arr) return false;
      for (const auto& e : *arr) {
        if (!e.is_number()) return false;
        out.push_back(e.value<double>().value_or(NAN));
      }
      return true;
    };
    std::vector<double> p, q;
    if (as_numbers(x.get("v"), p) && as_numbers(y.get("v"), q)) return p == q;
    return to_toml(x) == to_toml(y);
  } catch (const std::exception&) {
    return false;  // a value the line cannot hold alone (a multi-line array): not matched
  }
}

bool same(const Intervention& a, const Intervention& b) {
  std::ostringstream x, y;
  x << intervention(a);
  y << intervention(b);
  return x.str() == y.str();
}

// The area's published figures, as `yjsim calibrate` writes them (input/calibration_writer.cpp).
toml::array published(const std::vector<PublishedFigure>& figures) {
  toml::array a;
  for (const auto& f : figures) {
    toml::table t{{"kpi", f.kpi}};
    if (!f.breakdown.empty()) t.insert("breakdown", f.breakdown);
    if (!f.category.empty()) t.insert("category", f.category);
    t.insert("value", f.value);
    t.insert("period", f.period);
    if (f.cohort_size > 0) t.insert("cohort_size", f.cohort_size);
    if (f.holdout) t.insert("holdout", true);
    t.insert("source", f.source);
    a.push_back(std::move(t));
  }
  return a;
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
  if (!c.published.empty()) t.insert("published", published(c.published));
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
         shorten_all(to_toml(root)) + '\n';
}

std::string scenario_to_toml(const Scenario& s, const std::string& original) {
  const std::string plain = scenario_to_toml(s);
  if (original.empty()) return plain;
  const FileComments f = file_comments(original);
  std::string out;
  for (const auto& h : f.header) out += h + '\n';
  for (const auto& b : blocks(plain)) {
    if (const auto it = f.headers.find(b.id); !b.id.empty() && it != f.headers.end())
      for (const auto& c : it->second) out += c + '\n';
    for (std::size_t i = 0; i < b.lines.size(); ++i) {
      const std::string& line = b.lines[i];
      const std::string t = trim(line);
      const auto eq = t.find('=');
      if (!b.id.empty() && i > 0 && !t.empty() && t[0] != '#' && eq != std::string::npos) {
        const auto it = f.keys.find(b.id + "." + trim(t.substr(0, eq)));
        if (it != f.keys.end() && same_value(it->second.value, trim(t.substr(eq + 1)))) {
          for (const auto& c : it->second.above) out += c + '\n';
          out += line + (it->second.beside.empty() ? "" : "  " + it->second.beside) + '\n';
          continue;
        }
      }
      out += line + '\n';
    }
  }
  return out;
}

}  // namespace yjsim::input
