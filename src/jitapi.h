/*
 * jitapi.h - libgccjit reached through a table of function pointers.
 *
 *   jit.c  fills the table on the first real compile (jit_api_load): it
 *          dlopens libgccjit and looks up every function below.
 *
 * Why: loading libgccjit costs about 3 ms of start-up (a 20 MB library and
 * its relocations), and a process that only ever fetches code from the
 * cache or the store never needs it. libmemjit therefore does not link
 * libgccjit; every gcc_jit_* name used by memjit's sources is #defined
 * here to the table's entry, so lower.c and jit.c call libgccjit exactly
 * as written in its manual and need no edits.
 *
 * The list is every function libgccjit.h (gcc 12) declares. A function
 * added to the header by a later gcc is not in the table: add it to
 * MJ_GCCJIT_FUNCTIONS and to the #defines at the end.
 * Include this header after <libgccjit.h> and only from memjit's sources.
 */
#ifndef MEMJIT_JITAPI_H
#define MEMJIT_JITAPI_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>   /* ssize_t, used by libgccjit.h */
#include <libgccjit.h>

#define MJ_GCCJIT_FUNCTIONS(X) \
    X(block_add_assignment) \
    X(block_add_assignment_op) \
    X(block_add_comment) \
    X(block_add_eval) \
    X(block_add_extended_asm) \
    X(block_as_object) \
    X(block_end_with_conditional) \
    X(block_end_with_extended_asm_goto) \
    X(block_end_with_jump) \
    X(block_end_with_return) \
    X(block_end_with_switch) \
    X(block_end_with_void_return) \
    X(block_get_function) \
    X(case_as_object) \
    X(compatible_types) \
    X(context_acquire) \
    X(context_add_command_line_option) \
    X(context_add_driver_option) \
    X(context_add_top_level_asm) \
    X(context_compile) \
    X(context_compile_to_file) \
    X(context_dump_reproducer_to_file) \
    X(context_dump_to_file) \
    X(context_enable_dump) \
    X(context_get_builtin_function) \
    X(context_get_first_error) \
    X(context_get_int_type) \
    X(context_get_last_error) \
    X(context_get_timer) \
    X(context_get_type) \
    X(context_new_array_access) \
    X(context_new_array_constructor) \
    X(context_new_array_type) \
    X(context_new_binary_op) \
    X(context_new_bitcast) \
    X(context_new_bitfield) \
    X(context_new_call) \
    X(context_new_call_through_ptr) \
    X(context_new_case) \
    X(context_new_cast) \
    X(context_new_child_context) \
    X(context_new_comparison) \
    X(context_new_field) \
    X(context_new_function) \
    X(context_new_function_ptr_type) \
    X(context_new_global) \
    X(context_new_location) \
    X(context_new_opaque_struct) \
    X(context_new_param) \
    X(context_new_rvalue_from_double) \
    X(context_new_rvalue_from_int) \
    X(context_new_rvalue_from_long) \
    X(context_new_rvalue_from_ptr) \
    X(context_new_rvalue_from_vector) \
    X(context_new_string_literal) \
    X(context_new_struct_constructor) \
    X(context_new_struct_type) \
    X(context_new_unary_op) \
    X(context_new_union_constructor) \
    X(context_new_union_type) \
    X(context_null) \
    X(context_one) \
    X(context_release) \
    X(context_set_bool_allow_unreachable_blocks) \
    X(context_set_bool_option) \
    X(context_set_bool_print_errors_to_stderr) \
    X(context_set_bool_use_external_driver) \
    X(context_set_int_option) \
    X(context_set_logfile) \
    X(context_set_str_option) \
    X(context_set_timer) \
    X(context_zero) \
    X(extended_asm_add_clobber) \
    X(extended_asm_add_input_operand) \
    X(extended_asm_add_output_operand) \
    X(extended_asm_as_object) \
    X(extended_asm_set_inline_flag) \
    X(extended_asm_set_volatile_flag) \
    X(field_as_object) \
    X(function_as_object) \
    X(function_dump_to_dot) \
    X(function_get_address) \
    X(function_get_param) \
    X(function_get_param_count) \
    X(function_get_return_type) \
    X(function_new_block) \
    X(function_new_local) \
    X(function_type_get_param_count) \
    X(function_type_get_param_type) \
    X(function_type_get_return_type) \
    X(global_set_initializer) \
    X(global_set_initializer_rvalue) \
    X(location_as_object) \
    X(lvalue_access_field) \
    X(lvalue_as_object) \
    X(lvalue_as_rvalue) \
    X(lvalue_get_address) \
    X(lvalue_get_alignment) \
    X(lvalue_set_alignment) \
    X(lvalue_set_link_section) \
    X(lvalue_set_register_name) \
    X(lvalue_set_tls_model) \
    X(object_get_context) \
    X(object_get_debug_string) \
    X(param_as_lvalue) \
    X(param_as_object) \
    X(param_as_rvalue) \
    X(result_get_code) \
    X(result_get_global) \
    X(result_release) \
    X(rvalue_access_field) \
    X(rvalue_as_object) \
    X(rvalue_dereference) \
    X(rvalue_dereference_field) \
    X(rvalue_get_type) \
    X(rvalue_set_bool_require_tail_call) \
    X(struct_as_type) \
    X(struct_get_field) \
    X(struct_get_field_count) \
    X(struct_set_fields) \
    X(timer_new) \
    X(timer_pop) \
    X(timer_print) \
    X(timer_push) \
    X(timer_release) \
    X(type_as_object) \
    X(type_dyncast_array) \
    X(type_dyncast_function_ptr_type) \
    X(type_dyncast_vector) \
    X(type_get_aligned) \
    X(type_get_const) \
    X(type_get_pointer) \
    X(type_get_size) \
    X(type_get_vector) \
    X(type_get_volatile) \
    X(type_is_bool) \
    X(type_is_integral) \
    X(type_is_pointer) \
    X(type_is_struct) \
    X(type_unqualified) \
    X(vector_type_get_element_type) \
    X(vector_type_get_num_units) \
    X(version_major) \
    X(version_minor) \
    X(version_patchlevel) \

/* One pointer per function, typed as libgccjit.h declares it. */
typedef struct JitApi {
#define MJ_JITAPI_FIELD(fn) __typeof__(gcc_jit_##fn) *fn;
    MJ_GCCJIT_FUNCTIONS(MJ_JITAPI_FIELD)
#undef MJ_JITAPI_FIELD
} JitApi;

/* The table: all NULL until jit_api_load succeeds, then never changed. */
extern JitApi jit_api;

/* Loads libgccjit once per process (later calls return at once).
 * Returns false, with a message in errbuf, when the library or one of its
 * functions cannot be found. Thread-safe. */
bool jit_api_load(char *errbuf, size_t errlen);

/* True once jit_api_load has succeeded (for tests and statistics). */
bool jit_api_loaded(void);

/* Where the table comes from, resolved without loading it: the path
 * dlopen is given and a fingerprint of that file (its size, modification
 * time and inode) for the cache key. Filled once; never NULL. */
const char *jit_api_identity(void);

#define gcc_jit_block_add_assignment (jit_api.block_add_assignment)
#define gcc_jit_block_add_assignment_op (jit_api.block_add_assignment_op)
#define gcc_jit_block_add_comment (jit_api.block_add_comment)
#define gcc_jit_block_add_eval (jit_api.block_add_eval)
#define gcc_jit_block_add_extended_asm (jit_api.block_add_extended_asm)
#define gcc_jit_block_as_object (jit_api.block_as_object)
#define gcc_jit_block_end_with_conditional (jit_api.block_end_with_conditional)
#define gcc_jit_block_end_with_extended_asm_goto (jit_api.block_end_with_extended_asm_goto)
#define gcc_jit_block_end_with_jump (jit_api.block_end_with_jump)
#define gcc_jit_block_end_with_return (jit_api.block_end_with_return)
#define gcc_jit_block_end_with_switch (jit_api.block_end_with_switch)
#define gcc_jit_block_end_with_void_return (jit_api.block_end_with_void_return)
#define gcc_jit_block_get_function (jit_api.block_get_function)
#define gcc_jit_case_as_object (jit_api.case_as_object)
#define gcc_jit_compatible_types (jit_api.compatible_types)
#define gcc_jit_context_acquire (jit_api.context_acquire)
#define gcc_jit_context_add_command_line_option (jit_api.context_add_command_line_option)
#define gcc_jit_context_add_driver_option (jit_api.context_add_driver_option)
#define gcc_jit_context_add_top_level_asm (jit_api.context_add_top_level_asm)
#define gcc_jit_context_compile (jit_api.context_compile)
#define gcc_jit_context_compile_to_file (jit_api.context_compile_to_file)
#define gcc_jit_context_dump_reproducer_to_file (jit_api.context_dump_reproducer_to_file)
#define gcc_jit_context_dump_to_file (jit_api.context_dump_to_file)
#define gcc_jit_context_enable_dump (jit_api.context_enable_dump)
#define gcc_jit_context_get_builtin_function (jit_api.context_get_builtin_function)
#define gcc_jit_context_get_first_error (jit_api.context_get_first_error)
#define gcc_jit_context_get_int_type (jit_api.context_get_int_type)
#define gcc_jit_context_get_last_error (jit_api.context_get_last_error)
#define gcc_jit_context_get_timer (jit_api.context_get_timer)
#define gcc_jit_context_get_type (jit_api.context_get_type)
#define gcc_jit_context_new_array_access (jit_api.context_new_array_access)
#define gcc_jit_context_new_array_constructor (jit_api.context_new_array_constructor)
#define gcc_jit_context_new_array_type (jit_api.context_new_array_type)
#define gcc_jit_context_new_binary_op (jit_api.context_new_binary_op)
#define gcc_jit_context_new_bitcast (jit_api.context_new_bitcast)
#define gcc_jit_context_new_bitfield (jit_api.context_new_bitfield)
#define gcc_jit_context_new_call (jit_api.context_new_call)
#define gcc_jit_context_new_call_through_ptr (jit_api.context_new_call_through_ptr)
#define gcc_jit_context_new_case (jit_api.context_new_case)
#define gcc_jit_context_new_cast (jit_api.context_new_cast)
#define gcc_jit_context_new_child_context (jit_api.context_new_child_context)
#define gcc_jit_context_new_comparison (jit_api.context_new_comparison)
#define gcc_jit_context_new_field (jit_api.context_new_field)
#define gcc_jit_context_new_function (jit_api.context_new_function)
#define gcc_jit_context_new_function_ptr_type (jit_api.context_new_function_ptr_type)
#define gcc_jit_context_new_global (jit_api.context_new_global)
#define gcc_jit_context_new_location (jit_api.context_new_location)
#define gcc_jit_context_new_opaque_struct (jit_api.context_new_opaque_struct)
#define gcc_jit_context_new_param (jit_api.context_new_param)
#define gcc_jit_context_new_rvalue_from_double (jit_api.context_new_rvalue_from_double)
#define gcc_jit_context_new_rvalue_from_int (jit_api.context_new_rvalue_from_int)
#define gcc_jit_context_new_rvalue_from_long (jit_api.context_new_rvalue_from_long)
#define gcc_jit_context_new_rvalue_from_ptr (jit_api.context_new_rvalue_from_ptr)
#define gcc_jit_context_new_rvalue_from_vector (jit_api.context_new_rvalue_from_vector)
#define gcc_jit_context_new_string_literal (jit_api.context_new_string_literal)
#define gcc_jit_context_new_struct_constructor (jit_api.context_new_struct_constructor)
#define gcc_jit_context_new_struct_type (jit_api.context_new_struct_type)
#define gcc_jit_context_new_unary_op (jit_api.context_new_unary_op)
#define gcc_jit_context_new_union_constructor (jit_api.context_new_union_constructor)
#define gcc_jit_context_new_union_type (jit_api.context_new_union_type)
#define gcc_jit_context_null (jit_api.context_null)
#define gcc_jit_context_one (jit_api.context_one)
#define gcc_jit_context_release (jit_api.context_release)
#define gcc_jit_context_set_bool_allow_unreachable_blocks (jit_api.context_set_bool_allow_unreachable_blocks)
#define gcc_jit_context_set_bool_option (jit_api.context_set_bool_option)
#define gcc_jit_context_set_bool_print_errors_to_stderr (jit_api.context_set_bool_print_errors_to_stderr)
#define gcc_jit_context_set_bool_use_external_driver (jit_api.context_set_bool_use_external_driver)
#define gcc_jit_context_set_int_option (jit_api.context_set_int_option)
#define gcc_jit_context_set_logfile (jit_api.context_set_logfile)
#define gcc_jit_context_set_str_option (jit_api.context_set_str_option)
#define gcc_jit_context_set_timer (jit_api.context_set_timer)
#define gcc_jit_context_zero (jit_api.context_zero)
#define gcc_jit_extended_asm_add_clobber (jit_api.extended_asm_add_clobber)
#define gcc_jit_extended_asm_add_input_operand (jit_api.extended_asm_add_input_operand)
#define gcc_jit_extended_asm_add_output_operand (jit_api.extended_asm_add_output_operand)
#define gcc_jit_extended_asm_as_object (jit_api.extended_asm_as_object)
#define gcc_jit_extended_asm_set_inline_flag (jit_api.extended_asm_set_inline_flag)
#define gcc_jit_extended_asm_set_volatile_flag (jit_api.extended_asm_set_volatile_flag)
#define gcc_jit_field_as_object (jit_api.field_as_object)
#define gcc_jit_function_as_object (jit_api.function_as_object)
#define gcc_jit_function_dump_to_dot (jit_api.function_dump_to_dot)
#define gcc_jit_function_get_address (jit_api.function_get_address)
#define gcc_jit_function_get_param (jit_api.function_get_param)
#define gcc_jit_function_get_param_count (jit_api.function_get_param_count)
#define gcc_jit_function_get_return_type (jit_api.function_get_return_type)
#define gcc_jit_function_new_block (jit_api.function_new_block)
#define gcc_jit_function_new_local (jit_api.function_new_local)
#define gcc_jit_function_type_get_param_count (jit_api.function_type_get_param_count)
#define gcc_jit_function_type_get_param_type (jit_api.function_type_get_param_type)
#define gcc_jit_function_type_get_return_type (jit_api.function_type_get_return_type)
#define gcc_jit_global_set_initializer (jit_api.global_set_initializer)
#define gcc_jit_global_set_initializer_rvalue (jit_api.global_set_initializer_rvalue)
#define gcc_jit_location_as_object (jit_api.location_as_object)
#define gcc_jit_lvalue_access_field (jit_api.lvalue_access_field)
#define gcc_jit_lvalue_as_object (jit_api.lvalue_as_object)
#define gcc_jit_lvalue_as_rvalue (jit_api.lvalue_as_rvalue)
#define gcc_jit_lvalue_get_address (jit_api.lvalue_get_address)
#define gcc_jit_lvalue_get_alignment (jit_api.lvalue_get_alignment)
#define gcc_jit_lvalue_set_alignment (jit_api.lvalue_set_alignment)
#define gcc_jit_lvalue_set_link_section (jit_api.lvalue_set_link_section)
#define gcc_jit_lvalue_set_register_name (jit_api.lvalue_set_register_name)
#define gcc_jit_lvalue_set_tls_model (jit_api.lvalue_set_tls_model)
#define gcc_jit_object_get_context (jit_api.object_get_context)
#define gcc_jit_object_get_debug_string (jit_api.object_get_debug_string)
#define gcc_jit_param_as_lvalue (jit_api.param_as_lvalue)
#define gcc_jit_param_as_object (jit_api.param_as_object)
#define gcc_jit_param_as_rvalue (jit_api.param_as_rvalue)
#define gcc_jit_result_get_code (jit_api.result_get_code)
#define gcc_jit_result_get_global (jit_api.result_get_global)
#define gcc_jit_result_release (jit_api.result_release)
#define gcc_jit_rvalue_access_field (jit_api.rvalue_access_field)
#define gcc_jit_rvalue_as_object (jit_api.rvalue_as_object)
#define gcc_jit_rvalue_dereference (jit_api.rvalue_dereference)
#define gcc_jit_rvalue_dereference_field (jit_api.rvalue_dereference_field)
#define gcc_jit_rvalue_get_type (jit_api.rvalue_get_type)
#define gcc_jit_rvalue_set_bool_require_tail_call (jit_api.rvalue_set_bool_require_tail_call)
#define gcc_jit_struct_as_type (jit_api.struct_as_type)
#define gcc_jit_struct_get_field (jit_api.struct_get_field)
#define gcc_jit_struct_get_field_count (jit_api.struct_get_field_count)
#define gcc_jit_struct_set_fields (jit_api.struct_set_fields)
#define gcc_jit_timer_new (jit_api.timer_new)
#define gcc_jit_timer_pop (jit_api.timer_pop)
#define gcc_jit_timer_print (jit_api.timer_print)
#define gcc_jit_timer_push (jit_api.timer_push)
#define gcc_jit_timer_release (jit_api.timer_release)
#define gcc_jit_type_as_object (jit_api.type_as_object)
#define gcc_jit_type_dyncast_array (jit_api.type_dyncast_array)
#define gcc_jit_type_dyncast_function_ptr_type (jit_api.type_dyncast_function_ptr_type)
#define gcc_jit_type_dyncast_vector (jit_api.type_dyncast_vector)
#define gcc_jit_type_get_aligned (jit_api.type_get_aligned)
#define gcc_jit_type_get_const (jit_api.type_get_const)
#define gcc_jit_type_get_pointer (jit_api.type_get_pointer)
#define gcc_jit_type_get_size (jit_api.type_get_size)
#define gcc_jit_type_get_vector (jit_api.type_get_vector)
#define gcc_jit_type_get_volatile (jit_api.type_get_volatile)
#define gcc_jit_type_is_bool (jit_api.type_is_bool)
#define gcc_jit_type_is_integral (jit_api.type_is_integral)
#define gcc_jit_type_is_pointer (jit_api.type_is_pointer)
#define gcc_jit_type_is_struct (jit_api.type_is_struct)
#define gcc_jit_type_unqualified (jit_api.type_unqualified)
#define gcc_jit_vector_type_get_element_type (jit_api.vector_type_get_element_type)
#define gcc_jit_vector_type_get_num_units (jit_api.vector_type_get_num_units)
#define gcc_jit_version_major (jit_api.version_major)
#define gcc_jit_version_minor (jit_api.version_minor)
#define gcc_jit_version_patchlevel (jit_api.version_patchlevel)

#endif /* MEMJIT_JITAPI_H */
