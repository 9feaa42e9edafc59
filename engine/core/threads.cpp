#include "core/threads.hpp"

#include <tbb/info.h>

namespace strider {

int default_thread_count() { return tbb::info::default_concurrency(); }

}  // namespace strider
