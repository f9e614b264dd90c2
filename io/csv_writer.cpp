// CSV: the same KPI tables as the HDF5 file, one row per variant x replicate x period (and x year).
#include <cmath>
#include <cstdio>
#include <sstream>

#include "io/atomic_file.h"
#include "io/csv_text.h"
#include "io/tidy_output.h"
#include "io/writers.h"
#include "sim/errors.h"

namespace yjsim::io {

namespace {

std::string num(double x) { return csv_number(x); }

// Rows are formatted in memory and handed to the atomic file in pieces of about 1 MiB (each write checked).
class Chunked {
 public:
  explicit Chunked(AtomicFile& out) : out_(out) {}
  template <typename T>
  Chunked& operator<<(const T& x) {
    buf_ << x;
    return *this;
  }
  void row_done() {
    if (buf_.tellp() < (1 << 20)) return;
    flush();
  }
  void flush() {
    out_.write(buf_.str());
    buf_.str("");
  }

 private:
  AtomicFile& out_;
  std::ostringstream buf_;
};

void write_one(const models::Results& r, AtomicFile& out, bool by_year) {
  {
    Chunked f(out);
    const auto& defs = models::kpi_table();
    f << "variant,replicate," << (by_year ? "year,first_month,last_month" : "period,label,first_month,last_month");
    for (const auto& d : defs) f << ',' << d.name;
    if (r.variants.size() > 1)  // each variant minus the baseline, paired by replicate (0 for the baseline)
      for (const auto& d : defs) f << ",diff_" << d.name;
    f << '\n';
    const long slots = by_year ? r.calendar.years() : r.calendar.periods();
    for (std::size_t v = 0; v < r.variants.size(); ++v)
      for (long rep = 0; rep < r.replicates; ++rep)
        for (long s = 0; s < slots; ++s) {
          f << r.variants[v].name << ',' << rep << ',' << s << ',';
          if (by_year) {
            f << r.calendar.at(s * 12).iso() << ',' << r.calendar.at(std::min(s * 12 + 11, r.calendar.months() - 1)).iso();
          } else {
            const auto per = r.calendar.period(s);
            f << per.label << ',' << r.calendar.at(per.first_month).iso() << ',' << r.calendar.at(per.last_month).iso();
          }
          const auto& table = by_year ? r.variants[v].replicates[static_cast<std::size_t>(rep)].year
                                      : r.variants[v].replicates[static_cast<std::size_t>(rep)].period;
          for (std::size_t k = 0; k < defs.size(); ++k) f << ',' << num(table[k][static_cast<std::size_t>(s)]);
          if (r.variants.size() > 1) {
            const auto& base = by_year ? r.variants[0].replicates[static_cast<std::size_t>(rep)].year
                                       : r.variants[0].replicates[static_cast<std::size_t>(rep)].period;
            for (std::size_t k = 0; k < defs.size(); ++k)
              f << ',' << num(table[k][static_cast<std::size_t>(s)] - base[k][static_cast<std::size_t>(s)]);
          }
          f << '\n';
          f.row_done();
        }
    f.flush();
  }
}

// Breakdowns in long form: one row per variant x replicate x period (or year) x dimension x KPI x category.
void write_breakdowns(const models::Results& r, AtomicFile& out, bool by_year) {
  Chunked f(out);
  f << "variant,replicate," << (by_year ? "year" : "period,label") << ",dimension,kpi,category,value\n";
  const long slots = by_year ? r.calendar.years() : r.calendar.periods();
  for (std::size_t v = 0; v < r.variants.size(); ++v)
    for (long rep = 0; rep < r.replicates; ++rep) {
      const auto& k = r.variants[v].replicates[static_cast<std::size_t>(rep)];
      const auto& cells = by_year ? k.cells_year : k.cells_period;
      for (long s = 0; s < slots; ++s)
        for (const auto& b : models::breakdown_table())
          for (std::size_t j = 0; j < b.kpis.size(); ++j)
            for (std::size_t c = 0; c < b.categories.size(); ++c) {
              f << r.variants[v].name << ',' << rep << ',' << s << ',';
              if (!by_year) f << r.calendar.period(s).label << ',';
              f << b.dimension << ',' << b.kpis[j] << ',' << b.categories[c] << ','
                << num(cells[static_cast<std::size_t>(b.cell(j, c))][static_cast<std::size_t>(s)]) << '\n';
              f.row_done();
            }
    }
  f.flush();
}

}  // namespace

void write_csv(const models::Results& r, const std::string& dir, OutputSet& outputs) {
  check_output_dir(dir);
  ensure_writable_dir(dir);
  write_one(r, outputs.add(dir + "/kpi_by_quarter.csv"), false);
  write_one(r, outputs.add(dir + "/kpi_by_year.csv"), true);
  write_breakdowns(r, outputs.add(dir + "/breakdowns_by_quarter.csv"), false);
  write_breakdowns(r, outputs.add(dir + "/breakdowns_by_year.csv"), true);
  write_tidy_csv(r, dir, outputs);  // summary.csv, summary_by_quarter.csv, replicates_by_year.csv (issue 16)
}

void write_csv(const models::Results& r, const std::string& dir) {
  OutputSet outputs;
  write_csv(r, dir, outputs);
  outputs.commit();
}

}  // namespace yjsim::io
