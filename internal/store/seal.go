package store

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
)

// SetSecret sets the key that seals applicants' personal data and keys their identity documents.
// It must be the same for every process that shares the database.
func (db *DB) SetSecret(key []byte) error {
	if len(key) != 32 {
		return errors.New("store: the secret key must be 32 bytes")
	}
	block, err := aes.NewCipher(deriveKey(key, "seal"))
	if err != nil {
		return err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return err
	}
	db.aead, db.hmacKey = aead, deriveKey(key, "applicant-key")
	return nil
}

func deriveKey(key []byte, purpose string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte("gongkai/" + purpose))
	return m.Sum(nil)
}

var errNoSecret = errors.New("store: no secret key set (SetSecret)")

// seal encrypts b; the result is base64 of nonce+ciphertext.
func (db *DB) seal(b []byte) (string, error) {
	if db.aead == nil {
		return "", errNoSecret
	}
	nonce := make([]byte, db.aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return "", err
	}
	return base64.StdEncoding.EncodeToString(db.aead.Seal(nonce, nonce, b, nil)), nil
}

func (db *DB) unseal(s string) ([]byte, error) {
	if db.aead == nil {
		return nil, errNoSecret
	}
	raw, err := base64.StdEncoding.DecodeString(s)
	if err != nil || len(raw) < db.aead.NonceSize() {
		return nil, fmt.Errorf("store: sealed data damaged")
	}
	n := db.aead.NonceSize()
	return db.aead.Open(nil, raw[:n], raw[n:], nil)
}

// applicantKey is the keyed hash of a normalised identity-document number.
func (db *DB) applicantKey(idKey string) (string, error) {
	if db.hmacKey == nil {
		return "", errNoSecret
	}
	m := hmac.New(sha256.New, db.hmacKey)
	m.Write([]byte(idKey))
	return hex.EncodeToString(m.Sum(nil)), nil
}
