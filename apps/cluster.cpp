#include "apps/cluster.h"

#include <cstdio>
#include <cstdlib>

#ifdef YJSIM_WITH_MPI
#define OMPI_SKIP_MPICXX 1  // the C API only (no deprecated C++ bindings)
#define MPICH_SKIP_MPICXX 1
#include <mpi.h>
#endif

namespace yjsim::cli {

#ifdef YJSIM_WITH_MPI
struct Cluster::Pending {
  std::vector<double> data;
  MPI_Request request;
};

Cluster::Cluster(int* argc, char*** argv) {
  // Only under a launcher: a plain `yjsim sweep` must not need an MPI runtime.
  if (!std::getenv("OMPI_COMM_WORLD_SIZE") && !std::getenv("PMI_SIZE") && !std::getenv("PMIX_RANK")) return;
  MPI_Init(argc, argv);
  mpi_ = true;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
}

Cluster::~Cluster() {
  finish_sends();
  if (mpi_) MPI_Finalize();
}

void Cluster::send_to_root(int tag, std::vector<double> data) {
  auto* p = new Pending{std::move(data), MPI_REQUEST_NULL};
  MPI_Isend(p->data.data(), static_cast<int>(p->data.size()), MPI_DOUBLE, 0, tag, MPI_COMM_WORLD, &p->request);
  pending_.push_back(p);
}

namespace {
void receive_probed(const MPI_Status& st, int& tag, std::vector<double>& data) {
  int count = 0;
  MPI_Get_count(&st, MPI_DOUBLE, &count);
  data.resize(static_cast<std::size_t>(count));
  MPI_Recv(data.data(), count, MPI_DOUBLE, st.MPI_SOURCE, st.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  tag = st.MPI_TAG;
}
}  // namespace

bool Cluster::try_receive(int& tag, std::vector<double>& data) {
  if (!mpi_) return false;
  int flag = 0;
  MPI_Status st;
  MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &st);
  if (!flag) return false;
  receive_probed(st, tag, data);
  return true;
}

void Cluster::receive(int& tag, std::vector<double>& data) {
  MPI_Status st;
  MPI_Probe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &st);
  receive_probed(st, tag, data);
}

void Cluster::broadcast(std::vector<unsigned char>& bytes) {
  if (!mpi_) return;
  MPI_Bcast(bytes.data(), static_cast<int>(bytes.size()), MPI_UNSIGNED_CHAR, 0, MPI_COMM_WORLD);
}

void Cluster::finish_sends() {
  for (auto* p : pending_) {
    MPI_Wait(&p->request, MPI_STATUS_IGNORE);
    delete p;
  }
  pending_.clear();
}

void Cluster::abort(int code, const std::string& why) {
  std::fprintf(stderr, "yjsim sweep: process %d of %d: %s\n", rank_, size_, why.c_str());
  std::fflush(stderr);
  if (mpi_ && size_ > 1) MPI_Abort(MPI_COMM_WORLD, code);
  std::exit(code);
}

#else  // built without MPI: always one process

struct Cluster::Pending {};
Cluster::Cluster(int*, char***) {}
Cluster::~Cluster() = default;
void Cluster::send_to_root(int, std::vector<double>) {}
bool Cluster::try_receive(int&, std::vector<double>&) { return false; }
void Cluster::receive(int&, std::vector<double>&) {}
void Cluster::broadcast(std::vector<unsigned char>&) {}
void Cluster::finish_sends() {}
void Cluster::abort(int code, const std::string& why) {
  std::fprintf(stderr, "yjsim sweep: %s\n", why.c_str());
  std::exit(code);
}
#endif

}  // namespace yjsim::cli
