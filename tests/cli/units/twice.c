int lib_calls = 5;   /* lib.c defines it too */
