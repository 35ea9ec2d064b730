//! The signature and the encryption of callback bodies (the docs' scheme, see the module page).

use aes::Aes256;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use cbc::cipher::block_padding::Pkcs7;
use cbc::cipher::{BlockDecryptMut, BlockEncryptMut, KeyIvInit};
use sha2::{Digest, Sha256};

use super::CallbackError;

/// `hex(sha256(timestamp + nonce + encrypt_key + body))`, the `X-Lark-Signature` value.
pub fn signature(timestamp: &str, nonce: &str, encrypt_key: &str, body: &[u8]) -> String {
    let mut h = Sha256::new();
    h.update(timestamp.as_bytes());
    h.update(nonce.as_bytes());
    h.update(encrypt_key.as_bytes());
    h.update(body);
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Decrypts an `encrypt` field: base64 of `iv ‖ ciphertext`, AES-256-CBC with
/// `sha256(encrypt_key)` and PKCS#7 padding.
///
/// # Errors
///
/// [`CallbackError::Decrypt`] for bad base64, a buffer shorter than one block or not a whole
/// number of blocks, a wrong key or corrupt padding, or a plaintext that is not UTF-8.
pub fn decrypt(encrypt_key: &str, encrypted: &str) -> Result<String, CallbackError> {
    let raw = STANDARD
        .decode(encrypted.trim())
        .map_err(|e| CallbackError::Decrypt(format!("not base64: {e}")))?;
    if raw.len() < 32 || raw.len() % 16 != 0 {
        return Err(CallbackError::Decrypt(format!(
            "{} bytes is not an IV and whole AES blocks",
            raw.len()
        )));
    }
    let key = Sha256::digest(encrypt_key.as_bytes());
    let (iv, body) = raw.split_at(16);
    let plain = cbc::Decryptor::<Aes256>::new(key.as_slice().into(), iv.into())
        .decrypt_padded_vec_mut::<Pkcs7>(body)
        .map_err(|_| CallbackError::Decrypt("wrong key or corrupt padding".into()))?;
    String::from_utf8(plain).map_err(|_| CallbackError::Decrypt("plaintext is not UTF-8".into()))
}

/// Encrypts `plain` the way the platform does, with this 16-byte IV (the emulator and tests
/// use it; the platform picks a random IV).
pub fn encrypt(encrypt_key: &str, iv: [u8; 16], plain: &str) -> String {
    let key = Sha256::digest(encrypt_key.as_bytes());
    let ct = cbc::Encryptor::<Aes256>::new(key.as_slice().into(), &iv.into())
        .encrypt_padded_vec_mut::<Pkcs7>(plain.as_bytes());
    let mut raw = iv.to_vec();
    raw.extend(ct);
    STANDARD.encode(raw)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The docs' own test vector (also in the official SDKs' tests).
    #[test]
    fn the_documented_vector_decrypts_to_hello_world() {
        let plain = decrypt("test key", "P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=").unwrap();
        assert_eq!(plain, "hello world");
        assert!(decrypt("other key", "P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=").is_err());
        assert!(decrypt("test key", "AAAA").is_err());
        assert!(decrypt("test key", "not base64!").is_err());
    }

    #[test]
    fn encrypt_and_decrypt_agree() {
        let e = encrypt("k", [7; 16], r#"{"a":1}"#);
        assert_eq!(decrypt("k", &e).unwrap(), r#"{"a":1}"#);
    }

    #[test]
    fn the_signature_is_sha256_hex_of_the_four_parts() {
        let s = signature("1", "n", "k", b"{}");
        assert_eq!(s.len(), 64);
        let mut h = Sha256::new();
        h.update(b"1nk{}");
        let want: String = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(s, want);
    }

    #[test]
    fn the_shortest_body_is_an_iv_and_one_block() {
        // An empty plaintext pads to one block: 16 + 16 bytes, the least that decrypts.
        let e = encrypt("k", [1; 16], "");
        assert_eq!(STANDARD.decode(&e).unwrap().len(), 32);
        assert_eq!(decrypt("k", &e).unwrap(), "");
        let sixteen = encrypt("k", [1; 16], &"x".repeat(16));
        assert_eq!(decrypt("k", &sixteen).unwrap(), "x".repeat(16));
        let cut = |n: usize| {
            let raw = STANDARD.decode(&sixteen).unwrap();
            STANDARD.encode(&raw[..n])
        };
        for n in [0, 16, 31, 33, 47] {
            assert_eq!(
                decrypt("k", &cut(n)).unwrap_err(),
                CallbackError::Decrypt(format!("{n} bytes is not an IV and whole AES blocks")),
            );
        }
    }

    #[test]
    fn a_plaintext_that_is_not_utf8_is_refused() {
        let key = Sha256::digest(b"k");
        let ct = cbc::Encryptor::<Aes256>::new(key.as_slice().into(), &[2; 16].into())
            .encrypt_padded_vec_mut::<Pkcs7>(&[0xff, 0xfe]);
        let mut raw = vec![2; 16];
        raw.extend(ct);
        assert_eq!(
            decrypt("k", &STANDARD.encode(raw)).unwrap_err(),
            CallbackError::Decrypt("plaintext is not UTF-8".into())
        );
    }
}
