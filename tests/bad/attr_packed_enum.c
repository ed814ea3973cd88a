// expect: 2:21: error: the 'packed' attribute on an enum is not supported yet
enum __attribute__((packed)) E { A, B };
