#pragma once
// The tracker pack (docs/report.md "The tracker pack"): `yjsim report TRACK.h5` on the file `yjsim track -o`
// writes (docs/tracker.md). For each quarterly cohort of the service's own children, the official
// proven-reoffending figure the projection expects, its 90% interval and the month the MoJ publishes it, beside
// what is proven so far: a page for the board, the same as a PDF, and the numbers as an XLSX workbook.
#include <atomic>
#include <string>

#include "io/results_reader.h"
#include "report/board_pack.h"

namespace yjsim::report {

// "The 2019-Q2 cohort (April to June 2019, 23 children): ..." (the page's sentences, shared with the tests).
std::string track_sentence(const analysis::CohortTrack& c, const analysis::TrackResult& t);
// The projection table's cells of one cohort, as printed.
std::vector<std::string> track_row(const analysis::CohortTrack& c, const analysis::TrackResult& t);

std::string track_html(const io::StoredTrack& s);
std::string track_xlsx(const io::StoredTrack& s);
// The files asked for, together or not at all (the PDF by headless Chromium, as the board pack's).
void write_track_pack(const io::StoredTrack& s, const BoardPackFiles& files, const std::atomic<bool>* cancel = nullptr);

}  // namespace yjsim::report
