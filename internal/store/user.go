package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"gongkai/internal/apperr"
	"gongkai/internal/audit"
	"gongkai/internal/org"
)

const userColumns = `id, org_id, username, display_name, role, active, created_at`

func scanUser(s scanner) (org.User, error) {
	var u org.User
	var active int
	var created string
	err := s.Scan(&u.ID, &u.OrgID, &u.Username, &u.DisplayName, &u.Role, &active, &created)
	u.Active = active == 1
	u.CreatedAt = parseTime(created)
	return u, err
}

// CreateUser adds a staff member with an argon2id password hash.
func (db *DB) CreateUser(ctx context.Context, actor audit.Actor, u org.User, password string) (org.User, error) {
	if err := org.ValidateUsername(u.Username); err != nil {
		return u, err
	}
	if _, err := org.ParseRole(string(u.Role)); err != nil {
		return u, apperr.Wrap(apperr.Invalid, "未知的角色", err).OnField("role")
	}
	if err := org.ValidatePassword(password); err != nil {
		return u, err
	}
	hash, err := org.HashPassword(password)
	if err != nil {
		return u, err
	}
	u.Active = true
	err = db.write(ctx, func(t *Tx) error {
		if _, err := t.orgByID(ctx, u.OrgID); err != nil {
			return err
		}
		var n int
		if err := t.queryRow(ctx, `SELECT COUNT(*) FROM users WHERE username = ?`, u.Username).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return apperr.New(apperr.Conflict, "用户名已存在").OnField("username")
		}
		id, err := t.insertID(ctx, `INSERT INTO users (org_id, username, display_name, role, password_hash, active, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, 1, ?, ?)`, u.OrgID, u.Username, u.DisplayName, u.Role, hash, fmtTime(t.now), fmtTime(t.now))
		if err != nil {
			return fmt.Errorf("store: insert user: %w", err)
		}
		u.ID, u.CreatedAt = id, t.now
		return t.record(ctx, actor, u.OrgID, "user.create", "user", id, nil, u, u.Username)
	})
	return u, err
}

// SetUserActive enables or disables a user; disabling ends the user's sessions.
func (db *DB) SetUserActive(ctx context.Context, actor audit.Actor, id int64, active bool) error {
	return db.write(ctx, func(t *Tx) error {
		before, err := scanUser(t.queryRow(ctx, `SELECT `+userColumns+` FROM users WHERE id = ?`, id))
		if errors.Is(err, sql.ErrNoRows) {
			return apperr.New(apperr.NotFound, "用户不存在")
		}
		if err != nil {
			return err
		}
		v := 0
		if active {
			v = 1
		}
		if _, err := t.exec(ctx, `UPDATE users SET active = ?, updated_at = ? WHERE id = ?`, v, fmtTime(t.now), id); err != nil {
			return err
		}
		if !active {
			if _, err := t.exec(ctx, `DELETE FROM sessions WHERE user_id = ?`, id); err != nil {
				return err
			}
		}
		after := before
		after.Active = active
		return t.record(ctx, actor, before.OrgID, "user.set_active", "user", id, before, after, fmt.Sprint(active))
	})
}

// SetPassword replaces a user's password.
func (db *DB) SetPassword(ctx context.Context, actor audit.Actor, id int64, password string) error {
	if err := org.ValidatePassword(password); err != nil {
		return err
	}
	hash, err := org.HashPassword(password)
	if err != nil {
		return err
	}
	return db.write(ctx, func(t *Tx) error {
		res, err := t.exec(ctx, `UPDATE users SET password_hash = ?, failed_logins = 0, locked_until = '', updated_at = ? WHERE id = ?`, hash, fmtTime(t.now), id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return apperr.New(apperr.NotFound, "用户不存在")
		}
		if _, err := t.exec(ctx, `DELETE FROM sessions WHERE user_id = ?`, id); err != nil {
			return err
		}
		var orgID int64
		if err := t.queryRow(ctx, `SELECT org_id FROM users WHERE id = ?`, id).Scan(&orgID); err != nil {
			return err
		}
		return t.record(ctx, actor, orgID, "user.set_password", "user", id, nil, nil, "")
	})
}

// User returns a user by id.
func (db *DB) User(ctx context.Context, id int64) (org.User, error) {
	u, err := scanUser(db.queryRow(ctx, `SELECT `+userColumns+` FROM users WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return u, apperr.New(apperr.NotFound, "用户不存在")
	}
	return u, err
}

// Users lists the users of an organisation.
func (db *DB) Users(ctx context.Context, orgID int64) ([]org.User, error) {
	rows, err := db.query(ctx, `SELECT `+userColumns+` FROM users WHERE org_id = ? ORDER BY username`, orgID)
	if err != nil {
		return nil, fmt.Errorf("store: users: %w", err)
	}
	defer rows.Close()
	var out []org.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// Login throttling: after maxFailures wrong passwords the account is locked for lockFor.
const (
	maxFailures = 5
	lockFor     = 15 * time.Minute
)

// ErrBadLogin is returned for an unknown user or a wrong password alike.
var ErrBadLogin = apperr.New(apperr.Unauthorized, "用户名或密码错误")

// Authenticate checks a username and password and returns the principal.
func (db *DB) Authenticate(ctx context.Context, username, password string) (*org.Principal, error) {
	var id int64
	var hash, lockedUntil string
	var failed, active int
	err := db.queryRow(ctx, `SELECT id, password_hash, failed_logins, locked_until, active FROM users WHERE username = ?`, username).
		Scan(&id, &hash, &failed, &lockedUntil, &active)
	if errors.Is(err, sql.ErrNoRows) {
		// Spend the same time as a real check so that timing does not reveal which names exist.
		org.CheckPassword(dummyHash, password)
		return nil, ErrBadLogin
	}
	if err != nil {
		return nil, fmt.Errorf("store: authenticate: %w", err)
	}
	now := db.Now().UTC()
	if lockedUntil != "" && now.Before(parseTime(lockedUntil)) {
		return nil, apperr.New(apperr.RateLimited, "登录失败次数过多，账号已临时锁定，请15分钟后再试")
	}
	if !org.CheckPassword(hash, password) || active != 1 {
		err := db.write(ctx, func(t *Tx) error {
			failed++
			lock := ""
			if failed >= maxFailures {
				lock, failed = fmtTime(t.now.Add(lockFor)), 0
			}
			_, err := t.exec(ctx, `UPDATE users SET failed_logins = ?, locked_until = ? WHERE id = ?`, failed, lock, id)
			return err
		})
		if err != nil {
			return nil, err
		}
		return nil, ErrBadLogin
	}
	if failed > 0 || lockedUntil != "" {
		if err := db.write(ctx, func(t *Tx) error {
			_, err := t.exec(ctx, `UPDATE users SET failed_logins = 0, locked_until = '' WHERE id = ?`, id)
			return err
		}); err != nil {
			return nil, err
		}
	}
	return db.principal(ctx, id)
}

var dummyHash, _ = org.HashPassword("gongkai-dummy-password-1")

func (db *DB) principal(ctx context.Context, userID int64) (*org.Principal, error) {
	u, err := db.User(ctx, userID)
	if err != nil {
		return nil, err
	}
	o, err := db.Org(ctx, u.OrgID)
	if err != nil {
		return nil, err
	}
	return &org.Principal{User: u, Org: o}, nil
}

// Session kinds.
const (
	SessionWeb = "web"
	SessionAPI = "api"
)

// Session is a signed-in session; the token itself is kept only by the client.
type Session struct {
	Principal *org.Principal
	CSRF      string
	ExpiresAt time.Time
}

func randomToken() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

func tokenHash(token string) string {
	s := sha256.Sum256([]byte(token))
	return hex.EncodeToString(s[:])
}

// CreateSession starts a session for a user and returns its secret token.
func (db *DB) CreateSession(ctx context.Context, userID int64, kind string, ttl time.Duration) (token string, s Session, err error) {
	token = randomToken()
	s.CSRF = randomToken()
	err = db.write(ctx, func(t *Tx) error {
		s.ExpiresAt = t.now.Add(ttl)
		if _, err := t.exec(ctx, `DELETE FROM sessions WHERE expires_at < ?`, fmtTime(t.now)); err != nil {
			return err
		}
		_, err := t.exec(ctx, `INSERT INTO sessions (token_hash, user_id, kind, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)`,
			tokenHash(token), userID, kind, s.CSRF, fmtTime(t.now), fmtTime(s.ExpiresAt))
		return err
	})
	if err != nil {
		return "", s, fmt.Errorf("store: create session: %w", err)
	}
	s.Principal, err = db.principal(ctx, userID)
	return token, s, err
}

// SessionByToken returns the live session for a token of the given kind.
func (db *DB) SessionByToken(ctx context.Context, token, kind string) (Session, error) {
	var s Session
	var userID int64
	var expires string
	err := db.queryRow(ctx, `SELECT s.user_id, s.csrf, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id
		WHERE s.token_hash = ? AND s.kind = ? AND u.active = 1`, tokenHash(token), kind).Scan(&userID, &s.CSRF, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		return s, apperr.New(apperr.Unauthorized, "登录已失效，请重新登录")
	}
	if err != nil {
		return s, fmt.Errorf("store: session: %w", err)
	}
	s.ExpiresAt = parseTime(expires)
	if db.Now().After(s.ExpiresAt) {
		return s, apperr.New(apperr.Unauthorized, "登录已失效，请重新登录")
	}
	s.Principal, err = db.principal(ctx, userID)
	return s, err
}

// DeleteSession ends a session.
func (db *DB) DeleteSession(ctx context.Context, token string) error {
	return db.write(ctx, func(t *Tx) error {
		_, err := t.exec(ctx, `DELETE FROM sessions WHERE token_hash = ?`, tokenHash(token))
		return err
	})
}

// RandomToken returns a new random URL-safe secret (for demo passwords and the like).
func RandomToken() string { return randomToken() }
