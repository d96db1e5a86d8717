package demo

import (
	"context"
	"crypto/rand"
	"fmt"
	"math/big"
	"runtime"
	"strings"
	"sync"

	"gongkai/internal/audit"
	"gongkai/internal/org"
	"gongkai/internal/store"
)

// An account is a demonstration staff member with the password chosen for this installation.
type account struct {
	orgName  string
	user     org.User
	password string
}

// roleSlugs end the user names: <org key>-<slug>.
var roleSlugs = map[org.Role]string{
	org.RoleAdmin:          "admin",
	org.RoleEditor:         "editor",
	org.RoleReviewer:       "reviewer",
	org.RoleRequestHandler: "handler",
	org.RoleSupervisor:     "supervisor",
}

// Fictional staff names: a surname and a given name picked in turn.
var (
	surnames   = []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢")
	givenNames = []string{"建国", "晓燕", "志强", "丽华", "海涛", "静", "伟", "婷婷", "文杰", "秀英", "明", "雪梅", "俊峰", "红霞", "立新",
		"佳怡", "国庆", "慧敏", "子豪", "淑珍", "永军", "晨曦", "振华", "梦琪", "卫东", "小芳", "宏伟", "雅琴", "鹏飞", "玉兰", "浩然", "春燕", "家豪"}
)

func staffName(i int) string {
	return string(surnames[(i*7)%len(surnames)]) + givenNames[(i*5+i/len(givenNames))%len(givenNames)]
}

// passwordChars leaves out characters that are easily confused (0 O o 1 l I).
const (
	passwordLetters = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ"
	passwordDigits  = "23456789"
	passwordLength  = 12
)

// newPassword returns a random password of letters and digits that org.ValidatePassword accepts.
func newPassword() (string, error) {
	all := passwordLetters + passwordDigits
	for {
		var b strings.Builder
		letters, digits := 0, 0
		for i := 0; i < passwordLength; i++ {
			n, err := rand.Int(rand.Reader, big.NewInt(int64(len(all))))
			if err != nil {
				return "", err
			}
			c := all[n.Int64()]
			if strings.IndexByte(passwordDigits, c) >= 0 {
				digits++
			} else {
				letters++
			}
			b.WriteByte(c)
		}
		if letters >= 2 && digits >= 2 {
			pw := b.String()
			if err := org.ValidatePassword(pw); err != nil {
				return "", err
			}
			return pw, nil
		}
	}
}

// planAccounts chooses one account per role and organisation, with fresh passwords.
func planAccounts(specs []orgSpec) ([]account, error) {
	var out []account
	i := 0
	for _, s := range specs {
		for _, r := range org.Roles() {
			pw, err := newPassword()
			if err != nil {
				return nil, fmt.Errorf("生成演示账号密码: %w", err)
			}
			out = append(out, account{
				orgName:  s.name,
				user:     org.User{Username: s.key + "-" + roleSlugs[r], DisplayName: staffName(i), Role: r},
				password: pw,
			})
			i++
		}
	}
	return out, nil
}

// hashWorkers is how many accounts are created at once. Hashing (argon2id, 64 MiB, two lanes) is
// done by CreateUser before its short write transaction, so concurrent calls overlap the hashing;
// more than four would only add memory.
func hashWorkers() int {
	return max(1, min(runtime.NumCPU(), 4))
}

// createAccounts creates the accounts concurrently; orgIDs maps organisation names to ids. The
// store's clock must not change while this runs.
func createAccounts(ctx context.Context, db *store.DB, accounts []account, orgIDs map[string]int64) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan int)
	errs := make(chan error, len(accounts))
	var wg sync.WaitGroup
	for w := 0; w < hashWorkers(); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				a := &accounts[i]
				a.user.OrgID = orgIDs[a.orgName]
				u, err := db.CreateUser(ctx, audit.System, a.user, a.password)
				if err != nil {
					errs <- fmt.Errorf("创建演示账号 %s: %w", a.user.Username, err)
					cancel()
					continue
				}
				a.user = u
			}
		}()
	}
feed:
	for i := range accounts {
		select {
		case jobs <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		return err
	}
	return ctx.Err()
}
