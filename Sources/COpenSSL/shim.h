#ifndef DOCKGATE_COPENSSL_SHIM_H
#define DOCKGATE_COPENSSL_SHIM_H

// The parts of OpenSSL 3 that dockgate uses. Many OpenSSL "functions" are macros or
// type-checked stack helpers that Swift cannot import; each gets a static-inline wrapper
// here, named after the macro with a `dg_` prefix. Nothing else belongs in this file.

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/opensslv.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

// MARK: - SSL_CTX / SSL controls (macros over SSL_CTX_ctrl / SSL_ctrl)

static inline int dg_SSL_CTX_set_min_proto_version(SSL_CTX *ctx, int version) {
    return (int)SSL_CTX_set_min_proto_version(ctx, version);
}

static inline int dg_SSL_CTX_set_max_proto_version(SSL_CTX *ctx, int version) {
    return (int)SSL_CTX_set_max_proto_version(ctx, version);
}

static inline long dg_SSL_CTX_set_session_cache_mode(SSL_CTX *ctx, long mode) {
    return SSL_CTX_set_session_cache_mode(ctx, mode);
}

static inline long dg_SSL_CTX_sess_set_cache_size(SSL_CTX *ctx, long size) {
    return SSL_CTX_sess_set_cache_size(ctx, size);
}

static inline long dg_SSL_CTX_set_max_cert_list(SSL_CTX *ctx, long bytes) {
    return SSL_CTX_set_max_cert_list(ctx, bytes);
}

static inline long dg_SSL_CTX_set_mode(SSL_CTX *ctx, long mode) {
    return SSL_CTX_set_mode(ctx, mode);
}

static inline int dg_SSL_CTX_set1_groups_list(SSL_CTX *ctx, const char *list) {
    return (int)SSL_CTX_set1_groups_list(ctx, list);
}

static inline int dg_SSL_CTX_add1_chain_cert(SSL_CTX *ctx, X509 *cert) {
    return (int)SSL_CTX_add1_chain_cert(ctx, cert);
}

static inline int dg_SSL_get_ex_new_index(void) {
    return SSL_get_ex_new_index(0, NULL, NULL, NULL, NULL);
}

static inline int dg_SSL_CTX_get_ex_new_index(void) {
    return SSL_CTX_get_ex_new_index(0, NULL, NULL, NULL, NULL);
}

static inline int dg_SSL_set_tlsext_host_name(SSL *ssl, const char *name) {
    return (int)SSL_set_tlsext_host_name(ssl, name);
}

// The option constants are 64-bit in OpenSSL 3 and built from macros that Swift imports
// inconsistently; expose the ones dockgate sets as plain values.
static inline uint64_t dg_SSL_OP_NO_RENEGOTIATION(void) { return SSL_OP_NO_RENEGOTIATION; }
static inline uint64_t dg_SSL_OP_CIPHER_SERVER_PREFERENCE(void) { return SSL_OP_CIPHER_SERVER_PREFERENCE; }
static inline uint64_t dg_SSL_OP_NO_COMPRESSION(void) { return SSL_OP_NO_COMPRESSION; }
static inline uint64_t dg_SSL_OP_IGNORE_UNEXPECTED_EOF(void) { return SSL_OP_IGNORE_UNEXPECTED_EOF; }
static inline uint64_t dg_SSL_OP_NO_TICKET(void) { return SSL_OP_NO_TICKET; }

// MARK: - BIO

static inline long dg_BIO_set_mem_eof_return(BIO *bio, long value) {
    return BIO_set_mem_eof_return(bio, value);
}

static inline size_t dg_BIO_ctrl_pending(BIO *bio) {
    return BIO_ctrl_pending(bio);
}

// MARK: - Keys

static inline EVP_PKEY *dg_EVP_EC_gen(const char *curve) {
    return EVP_EC_gen(curve);
}

static inline EVP_PKEY *dg_EVP_RSA_gen(unsigned int bits) {
    return EVP_RSA_gen(bits);
}

// MARK: - Typed stacks (sk_TYPE_* are macros over OPENSSL_sk_*)

static inline int dg_sk_GENERAL_NAME_num(const GENERAL_NAMES *names) {
    return sk_GENERAL_NAME_num(names);
}

static inline GENERAL_NAME *dg_sk_GENERAL_NAME_value(const GENERAL_NAMES *names, int i) {
    return sk_GENERAL_NAME_value(names, i);
}

static inline void dg_GENERAL_NAMES_free(GENERAL_NAMES *names) {
    GENERAL_NAMES_free(names);
}

static inline int dg_sk_X509_num(const STACK_OF(X509) *certs) {
    return sk_X509_num(certs);
}

static inline X509 *dg_sk_X509_value(const STACK_OF(X509) *certs, int i) {
    return sk_X509_value(certs, i);
}

static inline int dg_sk_X509_REVOKED_num(const STACK_OF(X509_REVOKED) *entries) {
    return sk_X509_REVOKED_num(entries);
}

static inline X509_REVOKED *dg_sk_X509_REVOKED_value(const STACK_OF(X509_REVOKED) *entries, int i) {
    return sk_X509_REVOKED_value(entries, i);
}

static inline int dg_sk_X509_NAME_num(const STACK_OF(X509_NAME) *names) {
    return sk_X509_NAME_num(names);
}

// MARK: - GENERAL_NAME accessors (the union is awkward from Swift)

/// The name's type (GEN_DNS, GEN_IPADD, GEN_EMAIL, GEN_URI, ...).
static inline int dg_GENERAL_NAME_type(const GENERAL_NAME *name) {
    return name->type;
}

/// The IA5String / OCTET STRING payload for GEN_DNS, GEN_EMAIL, GEN_URI and GEN_IPADD.
static inline const ASN1_STRING *dg_GENERAL_NAME_string(const GENERAL_NAME *name) {
    switch (name->type) {
    case GEN_DNS: return name->d.dNSName;
    case GEN_EMAIL: return name->d.rfc822Name;
    case GEN_URI: return name->d.uniformResourceIdentifier;
    case GEN_IPADD: return name->d.iPAddress;
    default: return NULL;
    }
}

// MARK: - Names

/// RFC 2253 rendering (most specific part first, like Go's pkix.Name.String) that keeps
/// UTF-8 as UTF-8 instead of escaping every byte above 0x7f.
static inline unsigned long dg_XN_FLAG_RFC2253_UTF8(void) {
    return XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB;
}

// MARK: - Errors

static inline int dg_ERR_GET_LIB(unsigned long e) { return ERR_GET_LIB(e); }
static inline int dg_ERR_GET_REASON(unsigned long e) { return ERR_GET_REASON(e); }

static inline void dg_OPENSSL_free(void *p) { OPENSSL_free(p); }

// MARK: - Issuance

static inline int dg_sk_GENERAL_NAME_push(GENERAL_NAMES *names, GENERAL_NAME *name) {
    return sk_GENERAL_NAME_push(names, name);
}

#endif
