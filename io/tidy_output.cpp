#include "io/tidy_output.h"

#include <cmath>
#include <cstdio>
#include <sstream>

#include "analysis/prcc_interval.h"
#include "analysis/summary_rows.h"
#include "io/atomic_file.h"
#include "io/csv_text.h"
#include "io/writers.h"

namespace yjsim::io {

namespace {

std::string num(double x) { return csv_number(x); }

// Units such as "per 100,000 aged 10-17" are quoted.
std::string field(const std::string& s) { return csv_field(s); }

std::string json_string(const std::string& s) {
  std::string q = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') q += '\\', q += static_cast<char>(c);
    else if (c == '\n') q += "\\n";
    else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      q += buf;
    } else q += static_cast<char>(c);
  }
  return q + "\"";
}

std::string json_number(double x) { return std::isfinite(x) ? num(x) : "null"; }

// Buffers rows and hands them to the file in pieces of about 1 MiB (each write checked by AtomicFile).
class Rows {
 public:
  explicit Rows(AtomicFile& out) : out_(out) {}
  ~Rows() = default;
  std::ostringstream& line() { return buf_; }
  void done() {
    if (buf_.tellp() >= (1 << 20)) flush();
  }
  void flush() {
    out_.write(buf_.str());
    buf_.str("");
  }

 private:
  AtomicFile& out_;
  std::ostringstream buf_;
};

void summary_lines(Rows& f, const std::vector<analysis::SummaryRow>& rows, const std::string& prefix) {
  for (const auto& r : rows) {
    f.line() << prefix << r.variant << ',' << r.kpi << ',' << r.period << ',' << r.year << ',' << r.statistic << ','
             << num(r.value) << ',' << field(r.unit) << '\n';
    f.done();
  }
}

}  // namespace

void write_summary_csv(const models::Results& r, bool by_year, AtomicFile& out) {
  Rows f(out);
  f.line() << "variant,kpi,period,year,statistic,value,unit\n";
  summary_lines(f, analysis::summary_rows(r, by_year), "");
  f.flush();
}

void write_replicates_csv(const models::Results& r, AtomicFile& out) {
  Rows f(out);
  f.line() << "variant,replicate,kpi,period,year,value,difference,unit\n";
  const auto& defs = models::kpi_table();
  for (std::size_t v = 0; v < r.variants.size(); ++v)
    for (long rep = 0; rep < r.replicates; ++rep) {
      const auto& own = r.variants[v].replicates[static_cast<std::size_t>(rep)].year;
      const auto& base = r.variants[0].replicates[static_cast<std::size_t>(rep)].year;
      for (std::size_t k = 0; k < defs.size(); ++k)
        for (long y = 0; y < r.calendar.years(); ++y) {
          const auto s = static_cast<std::size_t>(y);
          f.line() << r.variants[v].name << ',' << rep << ',' << defs[k].name << ',' << analysis::year_label(r, y) << ','
                   << y + 1 << ',' << num(own[k][s]) << ',' << (v == 0 ? "" : num(own[k][s] - base[k][s])) << ','
                   << field(defs[k].unit) << '\n';
          f.done();
        }
    }
  f.flush();
}

void write_tidy_csv(const models::Results& r, const std::string& dir, OutputSet& outputs) {
  write_summary_csv(r, true, outputs.add(dir + "/summary.csv"));
  write_summary_csv(r, false, outputs.add(dir + "/summary_by_quarter.csv"));
  write_replicates_csv(r, outputs.add(dir + "/replicates_by_year.csv"));
}

std::string summary_json(const models::Results& r, const JsonInfo& info) {
  std::ostringstream o;
  o << "{\n  \"format\": \"yjsim-summary\",\n  \"format_version\": 1,\n  \"yjsim_version\": "
    << json_string(version_string()) << ",\n  \"scenario_file\": " << json_string(info.scenario_file)
    << ",\n  \"seed\": " << r.seed << ",\n  \"replicates\": " << r.replicates << ",\n  \"months\": " << r.calendar.months()
    << ",\n  \"start\": " << json_string(r.calendar.start().iso()) << ",\n  \"variants\": [";
  for (std::size_t v = 0; v < r.variants.size(); ++v)
    o << (v ? ", " : "") << "{\"name\": " << json_string(r.variants[v].name)
      << ", \"description\": " << json_string(r.variants[v].description) << "}";
  o << "],\n  \"columns\": [\"variant\", \"kpi\", \"period\", \"year\", \"statistic\", \"value\", \"unit\"],\n";
  for (const bool by_year : {true, false}) {
    o << (by_year ? "  \"by_year\": [" : ",\n  \"by_quarter\": [");
    bool first = true;
    for (const auto& row : analysis::summary_rows(r, by_year)) {
      o << (first ? "\n    " : ",\n    ") << "[" << json_string(row.variant) << ", " << json_string(row.kpi) << ", "
        << json_string(row.period) << ", " << row.year << ", " << json_string(row.statistic) << ", "
        << json_number(row.value) << ", " << json_string(row.unit) << "]";
      first = false;
    }
    o << "\n  ]";
  }
  o << "\n}\n";
  return o.str();
}

void write_sweep_summary_csv(const input::Sweep& s, const std::vector<models::Results>& points, AtomicFile& out) {
  Rows f(out);
  f.line() << "point";
  for (const auto& a : s.axes) f.line() << ',' << field(a.parameter);
  f.line() << ",variant,kpi,period,year,statistic,value,unit\n";
  for (std::size_t p = 0; p < points.size(); ++p) {
    std::string prefix = std::to_string(p) + ",";
    for (double x : s.points[p]) prefix += num(x) + ",";
    summary_lines(f, analysis::summary_rows(points[p], true), prefix);
  }
  f.flush();
}

void write_sweep_parameters_csv(const input::Sweep& s, AtomicFile& out) {
  std::ostringstream o;
  o << "point";
  for (const auto& a : s.axes) o << ',' << field(a.parameter);
  o << '\n';
  for (std::size_t p = 0; p < s.points.size(); ++p) {
    o << p;
    for (double x : s.points[p]) o << ',' << num(x);
    o << '\n';
  }
  out.write(o.str());
}

void write_sweep_sensitivity_csv(const input::Sweep& s, const analysis::SweepSensitivity& sens,
                                 const std::vector<std::vector<std::vector<analysis::MorrisEffect>>>& morris,
                                 const std::vector<std::vector<std::vector<analysis::SobolIndex>>>& sobol, AtomicFile& out) {
  Rows f(out);
  f.line() << "variant,kpi,parameter,prcc,prcc_p5,prcc_p95,rank" << (morris.empty() ? "" : ",morris_mu,morris_mu_star,morris_sigma")
           << (sobol.empty() ? "" : ",sobol_first,sobol_total") << '\n';
  const auto& defs = models::kpi_table();
  for (std::size_t v = 0; v < sens.size(); ++v)
    for (std::size_t k = 0; k < defs.size(); ++k) {
      const auto& r = sens[v][k];
      for (std::size_t j = 0; j < s.axes.size(); ++j) {
        long rank = 1;  // by |PRCC|; undefined PRCCs rank last
        for (std::size_t i = 0; i < r.size(); ++i)
          if (i != j && !std::isnan(r[i]) && (std::isnan(r[j]) || std::fabs(r[i]) > std::fabs(r[j]) ||
                                              (std::fabs(r[i]) == std::fabs(r[j]) && i < j)))
            ++rank;
        const auto ci = analysis::prcc_interval(r[j], s.points.size(), s.axes.size());
        f.line() << s.base.variants[v].name << ',' << defs[k].name << ',' << field(s.axes[j].parameter) << ',' << num(r[j])
                 << ',' << num(ci.low) << ',' << num(ci.high) << ',' << rank;
        if (!morris.empty()) {
          const auto& e = morris[v][k][j];
          f.line() << ',' << num(e.mu) << ',' << num(e.mu_star) << ',' << num(e.sigma);
        }
        if (!sobol.empty()) f.line() << ',' << num(sobol[v][k][j].first) << ',' << num(sobol[v][k][j].total);
        f.line() << '\n';
        f.done();
      }
    }
  f.flush();
}

}  // namespace yjsim::io
