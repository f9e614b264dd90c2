#pragma once
// The processes of a sweep: one (no MPI, or not started by mpirun) or K under `mpirun -n K`. Rank 0 gathers the
// results of the others. All MPI calls of yjsim are in cluster.cpp.
#include <string>
#include <vector>

namespace yjsim::cli {

class Cluster {
 public:
  Cluster(int* argc, char*** argv);  // joins MPI when started by mpirun and built with MPI
  ~Cluster();
  Cluster(const Cluster&) = delete;
  Cluster& operator=(const Cluster&) = delete;
  int rank() const { return rank_; }
  int size() const { return size_; }
  bool root() const { return rank_ == 0; }

  void send_to_root(int tag, std::vector<double> data);       // non-blocking; kept until finish_sends()
  bool try_receive(int& tag, std::vector<double>& data);      // root: a result that has arrived, if any
  void receive(int& tag, std::vector<double>& data);          // root: waits for the next result
  void broadcast(std::vector<unsigned char>& bytes);          // from root to all
  void finish_sends();
  [[noreturn]] void abort(int code, const std::string& why);  // stops every process

 private:
  int rank_ = 0, size_ = 1;
  bool mpi_ = false;
  struct Pending;
  std::vector<Pending*> pending_;
};

}  // namespace yjsim::cli
