/* Generated code points its errors back at its template with #line. */
#line 40 "rules.tmpl"
int rule(int x) {
    return x + missing;
}
