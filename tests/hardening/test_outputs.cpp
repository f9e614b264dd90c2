// Issue 14, items 1, 2 and 11: a full disk, special files as outputs, and a run's outputs succeeding or failing
// together. A real full disk where a tmpfs can be mounted (root), and everywhere the fault-injection hook of
// io::AtomicFile (YJSIM_FAULT_CLOSE=<file name>: that file's close fails as on a full disk).
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "io/atomic_file.h"
#include "sim/errors.h"
#include "tests/hardening/cli.h"

using namespace yjsim::hardening;

TEST_CASE("item 1: a run onto a full disk exits 1, keeps the good file it would have replaced, leaves no temporary file") {
  TmpFs full("full_run");
  if (!full.ok()) return;
  const auto s = write("small.toml", kSmall);
  std::ofstream(full / "out.h5") << "GOOD";
  full.fill();
  const auto r = run_yjsim("run -q " + q(s) + " -o " + q(full / "out.h5"));
  CHECK(r.code == 1);  // not 139 (HDF5 crashing at exit), not 0
  CHECK(r.output.find("cannot write") != std::string::npos);
  CHECK(r.output.find("No space left on device") != std::string::npos);
  CHECK(read(full / "out.h5") == "GOOD");
  CHECK_FALSE(leftovers(full.dir()));
  // With no file there before: none after.
  fs::remove(full / "out.h5");
  full.fill();
  CHECK(run_yjsim("run -q " + q(s) + " -o " + q(full / "new.h5")).code == 1);
  CHECK_FALSE(fs::exists(full / "new.h5"));
  CHECK_FALSE(leftovers(full.dir()));
}

TEST_CASE("item 1: a sweep onto a full disk exits 1 and leaves no partial file") {
  TmpFs full("full_sweep");
  if (!full.ok()) return;
  const auto sw = write("sweep_full.toml", "design = \"list\"\nreplicates = 2\n[[axis]]\nparameter = \"offending.base_rate\"\n"
                                           "values = [0.03, 0.04]\n[scenario.run]\nmonths = 12\n[scenario.population]\nsize_10_17 = 2000\n");
  full.fill();
  const auto r = run_yjsim("sweep -q " + q(sw) + " -o " + q(full / "sw.h5"));
  CHECK(r.code == 1);
  CHECK_FALSE(fs::exists(full / "sw.h5"));
  CHECK_FALSE(leftovers(full.dir()));
}

TEST_CASE("item 1: a sweep whose results file cannot be written keeps every saved point, and --resume finishes it") {
  const auto dir = scratch("sweep_fault");
  fs::create_directories(dir);
  const auto sw = write("sweep_fault/sw.toml", "design = \"list\"\nreplicates = 2\n[[axis]]\nparameter = \"offending.base_rate\"\n"
                                               "values = [0.03, 0.04, 0.05]\n[scenario.run]\nmonths = 12\n"
                                               "[scenario.population]\nsize_10_17 = 2000\n");
  const auto out = dir / "sw.h5";
  std::ofstream(out) << "GOOD";  // a previous result: kept when the new one fails
  auto r = run_yjsim("sweep -q " + q(sw) + " -o " + q(out), "YJSIM_FAULT_CLOSE=sw.h5");
  CHECK(r.code == 1);
  CHECK(r.output.find("--resume") != std::string::npos);
  CHECK(read(out) == "GOOD");
  CHECK_FALSE(leftovers(dir));
  std::size_t points = 0;
  for (const auto& e : fs::directory_iterator(dir / "sw.h5.parts")) points += e.path().filename().string().rfind("point_", 0) == 0;
  CHECK(points == 3);
  r = run_yjsim("sweep " + q(sw) + " -o " + q(out) + " --resume");
  CHECK(r.code == 0);
  CHECK(r.output.find("resuming, 3 points done") != std::string::npos);
  CHECK(read(out).substr(1, 3) == "HDF");
  CHECK_FALSE(fs::exists(dir / "sw.h5.parts"));
}

TEST_CASE("item 1: a point that cannot be saved stops the sweep with exit 1 - the points saved before are kept") {
  const auto dir = scratch("point_fault");
  fs::create_directories(dir);
  const auto sw = write("point_fault/sw.toml", "design = \"list\"\nreplicates = 2\n[[axis]]\nparameter = \"offending.base_rate\"\n"
                                               "values = [0.03, 0.04, 0.05]\n[scenario.run]\nmonths = 12\n"
                                               "[scenario.population]\nsize_10_17 = 2000\n");
  const auto r = run_yjsim("sweep -q " + q(sw) + " -o " + q(dir / "sw.h5"), "YJSIM_FAULT_CLOSE=point_000001.bin");
  CHECK(r.code == 1);
  CHECK(fs::exists(dir / "sw.h5.parts/point_000000.bin"));
  CHECK_FALSE(fs::exists(dir / "sw.h5.parts/point_000001.bin"));
  CHECK_FALSE(fs::exists(dir / "sw.h5"));
  CHECK_FALSE(leftovers(dir));
}

TEST_CASE("item 11: HDF5 and CSV succeed or fail together (a CSV that cannot be written leaves no HDF5 file)") {
  const auto dir = scratch("together");
  fs::create_directories(dir / "csv");
  const auto s = write("small.toml", kSmall);
  // No outputs before: none after.
  auto r = run_yjsim("run -q " + q(s) + " -o " + q(dir / "out.h5") + " --csv " + q(dir / "csv"), "YJSIM_FAULT_CLOSE=kpi_by_year.csv");
  CHECK(r.code == 1);
  CHECK_FALSE(fs::exists(dir / "out.h5"));
  CHECK(fs::is_empty(dir / "csv"));
  CHECK_FALSE(leftovers(dir));
  // Good outputs before: all three kept, unchanged.
  for (const char* f : {"out.h5", "csv/kpi_by_quarter.csv", "csv/kpi_by_year.csv"}) std::ofstream(dir / f) << "GOOD";
  for (const char* fault : {"out.h5", "kpi_by_quarter.csv", "kpi_by_year.csv"}) {
    CAPTURE(fault);
    r = run_yjsim("run -q " + q(s) + " -o " + q(dir / "out.h5") + " --csv " + q(dir / "csv"), std::string("YJSIM_FAULT_CLOSE=") + fault);
    CHECK(r.code == 1);
    for (const char* f : {"out.h5", "csv/kpi_by_quarter.csv", "csv/kpi_by_year.csv"}) CHECK(read(dir / f) == "GOOD");
    CHECK_FALSE(leftovers(dir));
  }
  // And all three replaced when nothing fails.
  r = run_yjsim("run -q " + q(s) + " -o " + q(dir / "out.h5") + " --csv " + q(dir / "csv"));
  CHECK(r.code == 0);
  for (const char* f : {"out.h5", "csv/kpi_by_quarter.csv", "csv/kpi_by_year.csv"}) CHECK(read(dir / f) != "GOOD");
  CHECK_FALSE(leftovers(dir));
}

TEST_CASE("item 11: the CSV set onto a full disk (tmpfs) exits 1 and leaves no HDF5 file and no half CSV set") {
  TmpFs full("full_csv", "size=256k");
  if (!full.ok()) return;
  const auto s = write("small.toml", kSmall);
  // Room for the HDF5 file but not for it and the CSVs.
  const auto probe = scratch("probe.h5");
  REQUIRE(run_yjsim("run -q " + q(s) + " -o " + q(probe)).code == 0);
  full.fill(static_cast<std::size_t>(fs::file_size(probe)));
  const auto r = run_yjsim("run -q " + q(s) + " -o " + q(full / "out.h5") + " --csv " + q(full / "csv"));
  CHECK(r.code == 1);
  CHECK_FALSE(fs::exists(full / "out.h5"));
  CHECK((!fs::exists(full / "csv") || fs::is_empty(full / "csv")));
  CHECK_FALSE(leftovers(full.dir()));
}

TEST_CASE("item 2: outputs onto a FIFO, a directory or a device are refused with exit 2, and the file is left alone") {
  const auto dir = scratch("special_out");
  fs::create_directories(dir / "a_dir");
  const auto s = write("small.toml", kSmall);
  const auto fifo = dir / "fifo";
  fs::remove(fifo);
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  for (const auto& target : {fifo, dir / "a_dir"}) {
    CAPTURE(target);
    const auto r = run_yjsim("run -q " + q(s) + " -o " + q(target));
    CHECK(r.code == 2);
    CHECK(r.output.find(target.string()) != std::string::npos);
    CHECK(r.output.find("regular file") != std::string::npos);
    CHECK(run_yjsim("sweep -q " + q(write("sw.toml", "[[axis]]\nparameter = \"offending.base_rate\"\nvalues = [0.03]\n"
                                                   "[scenario.run]\nmonths = 12\n")) + " -o " + q(target)).code == 2);
  }
  CHECK(fs::is_fifo(fifo));
  CHECK(fs::is_directory(dir / "a_dir"));
  // A character device (a copy of /dev/null's numbers, made here: the real one is never at risk), root only.
  const auto dev = dir / "null_device";
  fs::remove(dev);
  if (::mknod(dev.c_str(), S_IFCHR | 0666, makedev(1, 3)) == 0) {
    const auto r = run_yjsim("run -q " + q(s) + " -o " + q(dev));
    CHECK(r.code == 2);
    CHECK(r.output.find("character device") != std::string::npos);
    CHECK(fs::is_character_file(dev));
  } else {
    MESSAGE("skipped the device case: mknod needs root");
  }
  // --csv: a regular file where the folder should be, or a folder where a CSV file should be.
  std::ofstream(dir / "not_a_folder") << "x";
  CHECK(run_yjsim("run -q " + q(s) + " -o " + q(dir / "o.h5") + " --csv " + q(dir / "not_a_folder")).code == 2);
  fs::create_directories(dir / "csv/kpi_by_year.csv");
  CHECK(run_yjsim("run -q " + q(s) + " -o " + q(dir / "o.h5") + " --csv " + q(dir / "csv")).code == 2);
  CHECK_FALSE(fs::exists(dir / "o.h5"));
  CHECK_FALSE(leftovers(dir));
}

TEST_CASE("item 2: io::AtomicFile itself refuses a destination that is not a regular file") {
  CHECK_THROWS_AS(yjsim::io::AtomicFile(scratch_dir().string()), yjsim::sim::InputError);
  CHECK_THROWS_AS(yjsim::io::AtomicFile("/dev/null"), yjsim::sim::InputError);
  yjsim::io::OutputSet set;
  CHECK_THROWS_AS(set.add("/dev/zero"), yjsim::sim::InputError);
}
