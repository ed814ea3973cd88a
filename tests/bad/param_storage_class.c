// expect: 2:22: error: storage class specified for parameter 'count'
int tally(static int count);
