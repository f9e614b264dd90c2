#include "io/writers.h"

namespace yjsim::io {

std::string version_string() { return std::string(YJSIM_VERSION) + " (commit " + YJSIM_GIT_COMMIT + ")"; }

}  // namespace yjsim::io
