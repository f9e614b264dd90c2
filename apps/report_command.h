#pragma once
// `yjsim report RESULTS.h5|SCENARIO.toml -o BOARD.html [--pdf BOARD.pdf] [--xlsx BOARD.xlsx]` (docs/report.md).
#include <atomic>
#include <optional>
#include <string>

namespace yjsim::cli {

struct ReportArgs {
  std::string input;  // a results file (HDF5) or a scenario (TOML)
  std::string html, pdf, xlsx;
  std::optional<long> replicates;   // a scenario only
  std::optional<std::string> seed;  // a scenario only
  int threads = 0;
  bool quiet = false;
};

int report(const ReportArgs& a, const std::atomic<bool>& interrupted);

}  // namespace yjsim::cli
