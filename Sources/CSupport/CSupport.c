// The target's functions are inline in include/CSupport.h; a C target needs one source file.
#include "CSupport.h"
