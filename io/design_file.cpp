#include "io/design_file.h"

#include "io/csv_text.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "sim/errors.h"

namespace yjsim::io {

namespace {

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> out;
  std::string field;
  bool quoted = false;
  for (char c : line) {
    if (c == '"') quoted = !quoted;
    else if (c == ',' && !quoted) out.push_back(field), field.clear();
    else if (c != '\r') field += c;
  }
  out.push_back(field);
  return out;
}

std::string num(double x) { return csv_number(x); }

}  // namespace

std::vector<std::vector<double>> read_design_file(const std::string& path, const input::Sweep& s) {
  std::ifstream in(path);
  if (!in) throw sim::InputError(path, 0, "--design-file", "a file that cannot be read", "a CSV file of points");
  std::string line;
  if (!std::getline(in, line)) throw sim::InputError(path, 1, "header", "an empty file", "a header row naming the axes");
  const auto header = split(line);
  std::vector<long> column_of(s.axes.size(), -1);
  for (std::size_t c = 0; c < header.size(); ++c) {
    const std::string& h = header[c];
    if (h == "point" || h == "trajectory" || h == "step") continue;
    std::size_t j = 0;
    while (j < s.axes.size() && s.axes[j].parameter != h) ++j;
    if (j == s.axes.size()) {
      std::string names;
      for (const auto& a : s.axes) names += (names.empty() ? "" : ", ") + a.parameter;
      throw sim::InputError(path, 1, "column " + std::to_string(c + 1), "\"" + h + "\"", "an axis of " + s.file + ": " + names);
    }
    column_of[j] = static_cast<long>(c);
  }
  for (std::size_t j = 0; j < s.axes.size(); ++j)
    if (column_of[j] < 0)
      throw sim::InputError(path, 1, "header", "no column " + s.axes[j].parameter, "a column for every axis of " + s.file);
  std::vector<std::vector<double>> points;
  long n = 1;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line == "\r") continue;
    const auto f = split(line);
    if (f.size() != header.size())
      throw sim::InputError(path, n, "row", std::to_string(f.size()) + " fields", std::to_string(header.size()) + " fields, as the header");
    std::vector<double> p(s.axes.size());
    for (std::size_t j = 0; j < s.axes.size(); ++j) {
      const std::string& text = f[static_cast<std::size_t>(column_of[j])];
      char* end = nullptr;
      errno = 0;
      const double v = std::strtod(text.c_str(), &end);
      if (text.empty() || end != text.c_str() + text.size() || errno == ERANGE || !std::isfinite(v))
        throw sim::InputError(path, n, s.axes[j].parameter, "\"" + text + "\"", "a finite number");
      p[j] = v;
    }
    points.push_back(std::move(p));
    if (points.size() > input::kMaxSweepPoints)
      throw sim::InputError(path, n, "row", "more than " + std::to_string(input::kMaxSweepPoints) + " points",
                            "at most " + std::to_string(input::kMaxSweepPoints) + " points");
  }
  if (points.empty()) throw sim::InputError(path, 2, "row", "no points", "one row per point after the header");
  return points;
}

std::string design_csv(const input::Sweep& s, const std::vector<std::vector<double>>& points) {
  std::ostringstream o;
  o << "point";
  for (const auto& a : s.axes) o << ',' << a.parameter;
  o << '\n';
  for (std::size_t p = 0; p < points.size(); ++p) {
    o << p;
    for (double x : points[p]) o << ',' << num(x);
    o << '\n';
  }
  return o.str();
}

}  // namespace yjsim::io
