// Issue 14, items 3, 4, 6 and 13: what goes in. Directories, FIFOs, devices and huge files refused as inputs;
// names refused before a run; readable messages.
#include <sys/stat.h>

#include <string>

#include "input/toml_util.h"
#include "sim/errors.h"
#include "tests/hardening/cli.h"

using namespace yjsim::hardening;

TEST_CASE("item 3: a directory as a scenario, a sweep's base or a catalogue is refused with exit 2, naming it") {
  const auto dir = scratch("a_directory");
  fs::create_directories(dir);
  auto r = run_yjsim("run -q " + q(dir) + " -o " + q(scratch("dir_run.h5")));
  CHECK(r.code == 2);
  CHECK(r.output.find(dir.string()) != std::string::npos);
  CHECK(r.output.find("a directory") != std::string::npos);
  CHECK_FALSE(fs::exists(scratch("dir_run.h5")));
  CHECK(run_yjsim("check " + q(dir)).code == 2);
  const auto sw = write("dir_base.toml", "base = \"a_directory\"\n[[axis]]\nparameter = \"offending.base_rate\"\nvalues = [0.03]\n");
  r = run_yjsim("check " + q(sw));
  CHECK(r.code == 2);
  CHECK(r.output.find("a directory") != std::string::npos);
  const auto cat = write("dir_catalogue.toml", "# a catalogue that is a folder\ncatalogue = \"a_directory\"\n[run]\nmonths = 12\n");
  r = run_yjsim("check " + q(cat));
  CHECK(r.code == 2);
  CHECK(r.output.find("dir_catalogue.toml:2") != std::string::npos);  // the catalogue line
  CHECK(r.output.find("a directory") != std::string::npos);
}

TEST_CASE("item 4: a FIFO or a device as input is refused at once with exit 2 (never read, never waited on)") {
  const auto fifo = scratch("input_fifo");
  fs::remove(fifo);
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  // `timeout` turns a regression (blocking on the FIFO) into exit 124 instead of a hung test.
  auto r = shell("timeout 20 " + std::string(YJSIM_BINARY) + " check " + q(fifo));
  CHECK(r.code == 2);
  CHECK(r.output.find("FIFO") != std::string::npos);
  CHECK(r.seconds < 10);
  r = shell("timeout 20 " + std::string(YJSIM_BINARY) + " check /dev/zero");
  CHECK(r.code == 2);
  CHECK(r.output.find("/dev/zero") != std::string::npos);
  CHECK(r.output.find("character device") != std::string::npos);
  const auto cat = write("zero_catalogue.toml", "catalogue = \"/dev/zero\"\n");
  r = shell("timeout 20 " + std::string(YJSIM_BINARY) + " check " + q(cat));
  CHECK(r.code == 2);
  CHECK(r.output.find("zero_catalogue.toml:1") != std::string::npos);
  CHECK(r.output.find("character device") != std::string::npos);
  const auto sw = write("fifo_base.toml", "base = \"input_fifo\"\n[[axis]]\nparameter = \"offending.base_rate\"\nvalues = [0.03]\n");
  r = shell("timeout 20 " + std::string(YJSIM_BINARY) + " check " + q(sw));
  CHECK(r.code == 2);
  CHECK(r.output.find("FIFO") != std::string::npos);
}

TEST_CASE("item 4: inputs are bounded at 64 MiB (a larger file is refused before it is read)") {
  const auto big = scratch("huge.toml");
  { std::ofstream(big) << "# nothing\n"; }
  fs::resize_file(big, (std::uintmax_t{64} << 20) + 1);  // sparse: no disk used
  const auto r = run_yjsim("check " + q(big));
  CHECK(r.code == 2);
  CHECK(r.output.find("64 MiB") != std::string::npos);
  std::string text, problem;
  CHECK_FALSE(yjsim::input::try_read_text_file(big.string(), text, problem));
  CHECK(problem.find("67108865 bytes") != std::string::npos);
  fs::resize_file(big, std::uintmax_t{64} << 20);  // exactly the bound: read
  CHECK(yjsim::input::try_read_text_file(big.string(), text, problem));
  CHECK(text.size() == (std::size_t{64} << 20));
  fs::remove(big);
}

TEST_CASE("item 6: variant names that cannot name an HDF5 group are refused by check, exit 2, before any run") {
  for (const char* name : {".", "..", "", "a/b", "two words"}) {
    CAPTURE(name);
    const auto s = write("bad_name.toml", std::string(kSmall) + "[[variant]]\nname = \"" + name + "\"\n");
    const auto r = run_yjsim("check " + q(s));
    CHECK(r.code == 2);
    CHECK(r.output.find("variant.name") != std::string::npos);
  }
  const auto dup = write("dup_name.toml", std::string(kSmall) + "[[variant]]\nname = \"a\"\n[[variant]]\nname = \"a\"\n");
  const auto r = run_yjsim("check " + q(dup));
  CHECK(r.code == 2);
  CHECK(r.output.find("again") != std::string::npos);
}

TEST_CASE("item 13: a huge or multi-line value is echoed on one line, cut to a readable length") {
  std::string name;
  for (int i = 0; i < 400; ++i) name += "line " + std::to_string(i) + "\\n";
  const auto s = write("long_name.toml", std::string(kSmall) + "[[variant]]\nname = \"" + name + "\"\n");
  const auto r = run_yjsim("check " + q(s));
  CHECK(r.code == 2);
  CHECK(one_line(r.output));
  CHECK(r.output.size() < 600);
  CHECK(r.output.find("characters)") != std::string::npos);
  // The same cut for a message built in the library.
  const yjsim::sim::InputError e("f.toml", 3, "x", std::string(100000, 'a') + "\nb", "y");
  CHECK(std::string(e.what()).size() < 400);
  CHECK(one_line(e.what()));
}
