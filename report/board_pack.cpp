#include "report/board_pack.h"

#include <algorithm>

#include "io/atomic_file.h"
#include "io/writers.h"
#include "sim/errors.h"

namespace yjsim::report {

namespace {
constexpr long kDemandRuns = 50;

std::string quoted(const std::string& path) {  // for a command a shell runs verbatim
  if (path.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./") == std::string::npos)
    return path;
  std::string q = "'";
  for (char c : path) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}
}  // namespace

BoardPack make_board_pack(models::Scenario s, models::Results r, const BoardPackOptions& o) {
  BoardPack p{std::move(s), std::move(r), std::nullopt, {}, {}, {}, io::version_string(), "", "", {}, {}};
  if (analysis::any_limited(p.scenario)) {
    models::RunOptions ro;
    ro.threads = o.threads;
    ro.cancel = o.cancel;
    ro.progress = o.progress;
    ro.first_replicate = p.results.first_replicate;
    // The demand is a mean, not a paired difference: the first 50 runs estimate it well enough at a quarter of
    // the cost of 200 (docs/report.md).
    ro.replicate_count = std::min<long>(p.results.replicates, kDemandRuns);
    auto u = analysis::unlimited_places(p.scenario);
    for (auto& v : u.variants) v.params.run.seed = p.results.seed;
    p.demand = models::run_scenario(u, ro);
  }
  p.summary = analysis::board_summary(p.results, p.scenario);
  for (std::size_t v = 1; v < p.results.variants.size(); ++v) p.value.push_back(analysis::value_for_money(p.results, p.scenario, v));
  p.funnels = analysis::funnels(p.scenario.calibration, p.results);
  p.calibration = analysis::check_calibration(p.scenario, p.results, o.threads, o.cancel);
  p.capacity = analysis::capacity(p.results, p.scenario, p.demand ? &*p.demand : nullptr);
  const std::string flags = " --seed " + std::to_string(p.results.seed) + " --replicates " + std::to_string(p.results.replicates);
  const std::string file = quoted(p.scenario.file.empty() ? "SCENARIO.toml" : p.scenario.file);
  p.rerun_command = "yjsim report " + file + flags + " -o board.html --pdf board.pdf --xlsx board.xlsx";
  p.run_command = "yjsim run " + file + flags + " -o results.h5";
  return p;
}

void write_pack_files(const BoardPackFiles& files, const std::function<std::string()>& html_of,
                      const std::function<std::string()>& xlsx, const std::atomic<bool>* cancel) {
  for (const auto* f : {&files.html, &files.pdf, &files.xlsx})
    if (!f->empty()) io::check_output_file(*f);
  const std::string html = html_of();
  io::OutputSet out;
  if (!files.html.empty()) out.add(files.html).write(html);
  if (!files.xlsx.empty()) out.add(files.xlsx).write(xlsx());
  if (!files.pdf.empty()) out.add(files.pdf).write(html_to_pdf(html, cancel));
  if (cancel && cancel->load()) throw sim::Cancelled();
  out.commit();
}

void write_board_pack(const BoardPack& p, const BoardPackFiles& files, const std::atomic<bool>* cancel) {
  write_pack_files(files, [&] { return board_html(p); }, [&] { return board_xlsx(p); }, cancel);
}

void write_board_pack(const models::Results& r, const models::Scenario& s, const BoardPackFiles& files,
                      const BoardPackOptions& o) {
  write_board_pack(make_board_pack(s, r, o), files, o.cancel);
}

}  // namespace yjsim::report
