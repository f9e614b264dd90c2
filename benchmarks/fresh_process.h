#pragma once
// Each benchmark case in a process of its own (this program re-run with the case's name), so that its peak memory
// and its timings are its own, not left over from the case before.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <initializer_list>

namespace yjsim::bench {

inline int run_each_in_fresh_process(const char* argv0, std::initializer_list<const char*> cases) {
  for (const char* which : cases) {
    std::fflush(stdout);
    const pid_t pid = fork();
    if (pid == 0) {
      execl("/proc/self/exe", argv0, which, static_cast<char*>(nullptr));
      _exit(127);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return 1;
  }
  return 0;
}

}  // namespace yjsim::bench
