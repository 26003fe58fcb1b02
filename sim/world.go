package sim

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/krakensim/krakensim/internal/lazyre"
)

// World is the platform's state: the users who sign in, their accounts with everything
// a Kraken frontend reads about them, and the organisations that call the platform
// (import suppliers, organisations with secret keys). Sessions start from a Fork of one
// World: they share its entities and copy each one the first time they change it, so
// code that changes an entity gets it from a Mutable accessor (MutableAccount,
// MutableUser…) and adds new ones with the Add methods; the plain lookups (Account,
// User…) are for reading only.
//
// Identifiers are strings even where Kraken's are numbers (user, property, meter point,
// payment schedule ids), as GraphQL's ID sends them. Money is an int in pence, as
// Kraken's GraphQL answers it. Dates are "YYYY-MM-DD" strings, date-times time.Time.
// The YAML names are the SDL's field names, so a fixture file reads like a response.
type World struct {
	Users              []*User              `yaml:"users,omitempty"`
	Accounts           []*Account           `yaml:"accounts,omitempty"`
	ImportSuppliers    []*ImportSupplier    `yaml:"importSuppliers,omitempty"`
	Organizations      []*Organization      `yaml:"organizations,omitempty"`
	Campaigns          []*Campaign          `yaml:"campaigns,omitempty"`
	ReferralClaimCodes []*ReferralClaimCode `yaml:"referralClaimCodes,omitempty"`
	// RewardSchemes are the rewards a code gives an account that joins, apart from a
	// customer's referral code: sign-up, promotional and partners' rewards.
	RewardSchemes []*RewardScheme `yaml:"rewardSchemes,omitempty"`
	GoodsQuotes   []*GoodsQuote   `yaml:"goodsQuotes,omitempty"`
	// Fans are the wind turbines whose output earns Fan Club discounts for the homes
	// near them.
	Fans []*Fan `yaml:"fans,omitempty"`
	// Messages are the emails and letters the simulator sent for the session's mutations
	// (a password reset link, a sign-in key, a printed bill), oldest first, the last MaxMessages of them; a session's
	// doing, which no fixture sets.
	Messages []*Message `yaml:"-"`
	// Checkouts are the payments and payment method set-ups handed to the simulated
	// vendor, oldest first, the last MaxCheckouts of them; a session's doing too.
	Checkouts []*Checkout `yaml:"-"`

	// cow, when set, makes the world a Fork: its lists and entities belong to another
	// world until a Mutable accessor copies them.
	cow *cow
	// lastTransaction is the transaction number NextTransactionID last handed out; 0
	// until it first reads the accounts'.
	lastTransaction int
}

// DefaultPassword is the password of the users the platform makes without one (imported
// customers, shell accounts' holders), the default world's.
const DefaultPassword = "krakensim"

// MaxMessages is how many sent emails a world keeps; older ones are dropped.
const MaxMessages = 200

// Message is an email (or a letter) the simulator sent on a mutation's behalf, kept so
// that a test can read what the customer would have received: who to, its subject and
// text, and the values in it a client acts on (a reset's userId and token), by name.
type Message struct {
	ID      string            `json:"id"`
	To      string            `json:"to"`
	Subject string            `json:"subject"`
	Body    string            `json:"body"`
	Data    map[string]string `json:"data,omitempty"`
	SentAt  time.Time         `json:"sentAt"`
}

// CommsPeriod is how an account's comms were sent until a change: by its delivery
// preference (EMAIL or POSTAL_MAIL), emailed to its addresses.
type CommsPeriod struct {
	Until      time.Time `yaml:"until,omitempty"`
	Preference string    `yaml:"preference,omitempty"`
	Emails     []string  `yaml:"emails,omitempty"`
}

// PushBinding is an app install's device token registered for a user's push
// notifications (PushNotificationBindingType): the app by its bundle id, and when the
// binding was made and lapses.
type PushBinding struct {
	Token        string    `yaml:"token,omitempty"`
	BundleID     string    `yaml:"bundleId,omitempty"`
	RegisteredAt time.Time `yaml:"registeredAt,omitempty"`
	ExpiresAt    time.Time `yaml:"expiresAt,omitempty"`
}

// MFADevice is a user's multi-factor authentication device (createMfaDevice): its
// method (EMAIL, SMS, TOTP), the TOTP secret or the code last sent and until when it
// works, and whether it has been validated for use.
type MFADevice struct {
	Method   string    `yaml:"method,omitempty"`
	Secret   string    `yaml:"secret,omitempty"`
	Code     string    `yaml:"code,omitempty"`
	Expires  time.Time `yaml:"expires,omitempty"`
	Verified bool      `yaml:"verified,omitempty"`
}

// PasswordReset is a password reset a user asked for: its token, accepted until
// Expires.
type PasswordReset struct {
	Token   string    `yaml:"token,omitempty"`
	Expires time.Time `yaml:"expires,omitempty"`
	// State is a digest of the user's password and email when the reset was sent: the
	// reset stops working once either changes, as Django's reset tokens do ("" checks
	// nothing).
	State string `yaml:"state,omitempty"`
}

// EmailVerification is a link sent to prove an email address is the user's: its token,
// accepted until Expires, and when it was followed.
type EmailVerification struct {
	Email      string    `yaml:"email,omitempty"`
	Token      string    `yaml:"token,omitempty"`
	Expires    time.Time `yaml:"expires,omitempty"`
	VerifiedAt time.Time `yaml:"verifiedAt,omitempty"`
}

// User is a person who signs in (AccountUserType) and may act on the accounts listed in
// AccountNumbers, and on no other.
type User struct {
	// ID is the numeric user id of a token's subject, kraken|account-user:<ID>.
	ID            string `yaml:"id,omitempty"`
	Email         string `yaml:"email,omitempty"`
	Password      string `yaml:"password,omitempty"`
	Title         string `yaml:"title,omitempty"`
	GivenName     string `yaml:"givenName,omitempty"`
	FamilyName    string `yaml:"familyName,omitempty"`
	PreferredName string `yaml:"preferredName,omitempty"`
	Pronouns      string `yaml:"pronouns,omitempty"`
	Mobile        string `yaml:"mobile,omitempty"`
	Landline      string `yaml:"landline,omitempty"`
	DateOfBirth   string `yaml:"dateOfBirth,omitempty"`
	// Label is free text that helps identify the user (a job title), as updateUser sets it.
	Label string `yaml:"label,omitempty"`
	// Details are the user's details by namespace, in the order first given (updateUser).
	Details []UserDetail `yaml:"details,omitempty"`
	// APIKey is the user's liveSecretKey, accepted by obtainKrakenToken(input: {APIKey}).
	APIKey string `yaml:"apiKey,omitempty"`
	// PreSignedKeys sign the user in (obtainKrakenToken(input: {preSignedKey})) until
	// invalidatePreSignedToken or invalidatePreSignedTokensForUser withdraws them.
	PreSignedKeys []string `yaml:"preSignedKeys,omitempty"`
	// PasswordReset is the reset the user last asked for (requestPasswordReset), until a
	// password is set with it; nil for none.
	PasswordReset *PasswordReset `yaml:"passwordReset,omitempty"`
	// EmailVerification is the verification the user was last sent
	// (sendVerificationEmail); nil for none.
	EmailVerification *EmailVerification `yaml:"emailVerification,omitempty"`
	// ScopedKeys are pre-signed keys issued for a purpose and a time
	// (generatePreSignedToken, a newcomer's letter, verifyIdentity; an emailed sign-in key
	// has no scope); they sign in until they expire.
	ScopedKeys []ScopedKey `yaml:"-"`
	// Masquerade is the one-time token the support site last issued to act as the user
	// (masqueradeAuthentication); nil for none.
	Masquerade *MasqueradeToken `yaml:"-"`
	// PSRRecords are the user's special circumstances on the Priority Services Register,
	// by the supplier's internal code.
	PSRRecords []PSRRecord `yaml:"psrRecords,omitempty"`
	// PSRSharingConsent is whether the user agreed to their register entries being
	// shared with the networks.
	PSRSharingConsent bool `yaml:"psrSharingConsent,omitempty"`
	// PSRContact is how the user asked to be talked to when they set their special
	// circumstances (Octopus's updateSpecialCircumstances): a language, a password.
	PSRContact PSRContact `yaml:"psrContact,omitempty"`
	// FamilyIssues is the user's family and domestic violence flag and how they may be
	// contacted under it (Origin's hasFamilyIssues); nil for none.
	FamilyIssues *FamilyIssues `yaml:"familyIssues,omitempty"`
	// MFADevices are the user's multi-factor authentication devices, one a method.
	MFADevices []MFADevice `yaml:"mfaDevices,omitempty"`
	// PushBindings are the app installs that receive the user's push notifications.
	PushBindings []PushBinding    `yaml:"pushBindings,omitempty"`
	Preferences  CommsPreferences `yaml:"preferences,omitempty"`
	Consents     []Consent        `yaml:"consents,omitempty"`
	// AccountNumbers are the accounts the user may read and change.
	AccountNumbers []string `yaml:"accounts,omitempty"`
	// PortfolioRoles are the roles the user was given on the portfolios of accounts
	// (createPortfolioUserRole); an account of AccountNumbers with none is the user's as
	// its portfolio's ADMIN.
	PortfolioRoles []PortfolioRole `yaml:"portfolioRoles,omitempty"`
	// LoyaltyPoints is the balance of the user's loyalty-points ledger.
	LoyaltyPoints int `yaml:"loyaltyPoints,omitempty"`
	// LoyaltyPointEntries are the movements of the loyalty-points ledger, oldest first.
	LoyaltyPointEntries []LoyaltyPointEntry `yaml:"loyaltyPointEntries,omitempty"`
	// LoyaltyCards are the user's loyalty cards (createOrUpdateLoyaltyCard), one a scheme.
	LoyaltyCards []LoyaltyCard `yaml:"loyaltyCards,omitempty"`
	// PropertyQuotes are the user's latest quotes for homes to move into
	// (createQuoteForProperty), oldest first, MaxEnergyQuotes of them.
	PropertyQuotes []EnergyQuote `yaml:"propertyQuotes,omitempty"`
	// DepositAmounts are the deposits the user had calculated (calculateDepositAmount),
	// the latest MaxDepositAmounts, which a deposit agreement names by key.
	DepositAmounts []DepositAmount `yaml:"depositAmounts,omitempty"`
	// Metadata is attached to the user (linkedObjectType ACCOUNT_USER).
	Metadata []Metadata `yaml:"metadata,omitempty"`
	// Concessions are the user's concession cards, past and current (Australia).
	Concessions []Concession `yaml:"concessions,omitempty"`
}

// PortfolioRole is a role a user holds on the portfolio of an account
// (PortfolioUserRoleType): a PortfolioUserRoleEnum value.
type PortfolioRole struct {
	Account string `yaml:"account"`
	Role    string `yaml:"role"`
}

// PSRRecord is one of a user's special circumstances (SpecialCircumstanceRecordType): its
// internal code, and the last day a temporary one applies.
type PSRRecord struct {
	Code   string `yaml:"internalCode"`
	Expiry string `yaml:"expiryDate,omitempty"`
}

// UserDetail is one detail kept about a user: a value under a namespace.
type UserDetail struct {
	Namespace string `yaml:"namespace"`
	Value     string `yaml:"value"`
}

// PSRContact is how a user on the Priority Services Register is talked to: the
// language they prefer, and the password staff and partners give to prove who they are.
type PSRContact struct {
	Language              string `yaml:"language,omitempty"`
	UsePasswordToIdentify bool   `yaml:"usePasswordToIdentify,omitempty"`
	PartnerPassword       string `yaml:"partnerPassword,omitempty"`
}

// FamilyIssues is a user's family and domestic violence (FDV) flag, as Origin's
// hasFamilyIssues sets it: the password callers must give, and how the user may be
// contacted. A nil *bool is a choice the user did not make.
type FamilyIssues struct {
	PasswordRequired              bool   `yaml:"passwordRequired,omitempty"`
	Password                      string `yaml:"password,omitempty"`
	Details                       string `yaml:"details"`
	CommsDeliveryPreference       string `yaml:"commsDeliveryPreference,omitempty"`
	PhoneCallsAllowed             *bool  `yaml:"phoneCallsAllowed,omitempty"`
	SMSAllowed                    *bool  `yaml:"smsAllowed,omitempty"`
	ConsentsToSharingWithIndustry *bool  `yaml:"consentsToSharingWithIndustry,omitempty"`
	NotSafeToSendFdvPolicy        bool   `yaml:"notSafeToSendFdvPolicy,omitempty"`
	NotSafeToReceiveMoveInComms   bool   `yaml:"notSafeToReceiveMoveInComms,omitempty"`
	RaiseReminder                 bool   `yaml:"raiseReminder,omitempty"`
}

// ScopedKey is a pre-signed key for one purpose (a PreSignedTokenScope value) until
// Expires.
type ScopedKey struct {
	Key     string
	Scope   string
	Expires time.Time
}

// Concession is a concession card a user holds (ConcessionType), which makes the
// accounts they use eligible for their state's energy rebate while it is current.
type Concession struct {
	ID string `yaml:"id,omitempty"`
	// CardType is a ConcessionCardType: CENTRELINK_PENSIONER, CENTRELINK_HEALTH_CARE...
	CardType   string `yaml:"cardType,omitempty"`
	Number     string `yaml:"number,omitempty"`
	IssueDate  string `yaml:"issueDate,omitempty"`
	ExpiryDate string `yaml:"expiryDate,omitempty"`
	// From is the day the concession applies from; "" is its issue date.
	From               string `yaml:"from,omitempty"`
	RemovalDate        string `yaml:"removalDate,omitempty"`
	NextValidationDate string `yaml:"nextValidationDate,omitempty"`
	// Validations are the checks of the card with the issuer, oldest first.
	Validations []ConcessionValidation `yaml:"validations,omitempty"`
	// Retyped are the types the card had before changes of its type, oldest first.
	Retyped []ConcessionRetype `yaml:"retyped,omitempty"`
}

// ConcessionRetype is a type a concession card had until a change of its type took
// effect.
type ConcessionRetype struct {
	CardType string `yaml:"cardType,omitempty"`
	// Until is the day the change took effect.
	Until string `yaml:"until,omitempty"`
}

// ConcessionValidation is one check of a concession card (ConcessionCardValidationType).
type ConcessionValidation struct {
	ID     string `yaml:"id,omitempty"`
	Date   string `yaml:"date,omitempty"`
	Valid  bool   `yaml:"valid,omitempty"`
	Method string `yaml:"method,omitempty"`
	Notes  string `yaml:"notes,omitempty"`
}

// LoyaltyPointEntry is one movement of a user's loyalty points (LoyaltyPointLedgerEntryType).
type LoyaltyPointEntry struct {
	ID                    string    `yaml:"id,omitempty"`
	AccountNumber         string    `yaml:"accountNumber,omitempty"`
	LedgerType            string    `yaml:"ledgerType,omitempty"`
	Value                 int       `yaml:"value,omitempty"`
	BalanceBroughtForward int       `yaml:"balanceBroughtForward,omitempty"`
	BalanceCarriedForward int       `yaml:"balanceCarriedForward,omitempty"`
	ReasonCode            string    `yaml:"reasonCode,omitempty"`
	PostedAt              time.Time `yaml:"postedAt,omitempty"`
	// IdempotencyKey is the key an award or deduction was posted with; "" for none.
	IdempotencyKey string `yaml:"idempotencyKey,omitempty"`
}

// CommsPreferences is a user's communication preferences (AccountUserCommsPreferences).
type CommsPreferences struct {
	IsOptedInToClientMessages          bool    `yaml:"isOptedInToClientMessages,omitempty"`
	IsOptedInToOfferMessages           bool    `yaml:"isOptedInToOfferMessages,omitempty"`
	IsOptedInToRecommendedMessages     bool    `yaml:"isOptedInToRecommendedMessages,omitempty"`
	IsOptedInToUpdateMessages          bool    `yaml:"isOptedInToUpdateMessages,omitempty"`
	IsOptedInToThirdPartyMessages      bool    `yaml:"isOptedInToThirdPartyMessages,omitempty"`
	IsOptedInMeterReadingConfirmations bool    `yaml:"isOptedInMeterReadingConfirmations,omitempty"`
	IsOptedInToSmsMessages             bool    `yaml:"isOptedInToSmsMessages,omitempty"`
	EmailFormat                        string  `yaml:"emailFormat,omitempty"`
	IsUsingInvertedEmailColours        bool    `yaml:"isUsingInvertedEmailColours,omitempty"`
	FontSizeMultiplier                 float64 `yaml:"fontSizeMultiplier,omitempty"`
	PreferredHoldMusic                 string  `yaml:"preferredHoldMusic,omitempty"`
}

// Consent is a user's or an account's answer to one consent type (ConsentType).
type Consent struct {
	Code  string `yaml:"code,omitempty"`
	Value string `yaml:"value,omitempty"`
	// OptIn is the double opt-in a PENDING consent waits on (requestDoubleOptIn); nil
	// for none.
	OptIn *OptIn `yaml:"optIn,omitempty"`
}

// OptIn is a double opt-in sent for a consent: the token whose confirmation accepts it,
// until Expires.
type OptIn struct {
	Token   string    `yaml:"token,omitempty"`
	Expires time.Time `yaml:"expires,omitempty"`
}

// Company is a business account's company: its name, registered number (a Companies
// House number, an ABN or ACN), type (a BusinessTypeOptions value) and the number it is
// registered for tax under (a VAT number; an ABN in Australia), each "" when not given.
type Company struct {
	Name      string `yaml:"name,omitempty"`
	Number    string `yaml:"number,omitempty"`
	Type      string `yaml:"businessType,omitempty"`
	TaxNumber string `yaml:"taxNumber,omitempty"`
}

// Account is a customer account (AccountType), numbered A- and eight hex digits.
type Account struct {
	Number      string    `yaml:"number,omitempty"`
	Status      string    `yaml:"status,omitempty"`
	AccountType string    `yaml:"accountType,omitempty"`
	Brand       string    `yaml:"brand,omitempty"`
	CreatedAt   time.Time `yaml:"createdAt,omitempty"`
	// Balance is the account's balance in pence; positive is in credit.
	Balance                   int     `yaml:"balance,omitempty"`
	OverdueBalance            int     `yaml:"overdueBalance,omitempty"`
	BillingName               string  `yaml:"billingName,omitempty"`
	BillingSubName            string  `yaml:"billingSubName,omitempty"`
	BillingEmail              string  `yaml:"billingEmail,omitempty"`
	BillingAddress            Address `yaml:"billingAddress,omitempty"`
	CommsDeliveryPreference   string  `yaml:"commsDeliveryPreference,omitempty"`
	PreferredLanguageForComms string  `yaml:"preferredLanguageForComms,omitempty"`
	// Occupier marks an occupier account: opened for whoever lives at a home its
	// customer left, until occupy claims it.
	Occupier bool `yaml:"occupier,omitempty"`
	// Company is a business account's company as its sign-up gave it; nil when it gave none.
	Company *Company `yaml:"business,omitempty"`
	// Sale is what a sign-up prepared for the account before its enrolment.
	Sale *Sale `yaml:"sale,omitempty"`
	// SchemeRewards are the rewards schemes gave the account, newest last.
	SchemeRewards []SchemeReward `yaml:"schemeRewards,omitempty"`
	// FanClub is the account's membership of a fan's Fan Club; nil for none.
	FanClub *FanClubMembership `yaml:"fanClub,omitempty"`
	// SmartFlexWizards are the SmartFlex onboarding wizards started for the account's
	// properties, oldest first.
	SmartFlexWizards []SmartFlexWizard `yaml:"smartFlexWizards,omitempty"`
	// PrepayMeters are the account's smart meters in prepayment mode (pay as you go).
	PrepayMeters []PrepayMeter `yaml:"prepayMeters,omitempty"`
	Consents     []Consent     `yaml:"consents,omitempty"`

	Properties          []Property           `yaml:"properties,omitempty"`
	Ledgers             []Ledger             `yaml:"ledgers,omitempty"`
	PaymentSchedules    []PaymentSchedule    `yaml:"paymentSchedules,omitempty"`
	PaymentInstructions []PaymentInstruction `yaml:"paymentInstructions,omitempty"`
	// StoredBankDetails are bank details stored with the vendor, by VendorReference,
	// for a direct debit instruction to be set up from (Origin's
	// storeDirectDebitPaymentMethodDetails); each is used once.
	StoredBankDetails []PaymentInstruction `yaml:"storedBankDetails,omitempty"`
	// PaymentPreferences are the customer's choices of how ledgers are collected from,
	// oldest first.
	PaymentPreferences  []PaymentPreference  `yaml:"paymentPreferences,omitempty"`
	HardshipAgreements  []HardshipAgreement  `yaml:"hardshipAgreements,omitempty"`
	Reminders           []Reminder           `yaml:"reminders,omitempty"`
	Appointments        []Appointment        `yaml:"appointments,omitempty"`
	CentrepayDeductions []CentrepayDeduction `yaml:"centrepayDeductions,omitempty"`
	Complaints          []Complaint          `yaml:"complaints,omitempty"`
	// LifeSupport are the account's life support registrations (an Australian tenant's).
	LifeSupport []LifeSupportRecord `yaml:"lifeSupport,omitempty"`
	// ProductEnrolments are the account's enrolments onto smart and export tariffs
	// (startOnboardingProcess, startExportOnboardingProcess), oldest first.
	ProductEnrolments []ProductEnrolment `yaml:"productEnrolments,omitempty"`
	// Deposits are the account's deposit agreements (createDepositAgreement).
	Deposits []Deposit `yaml:"deposits,omitempty"`
	// CustomerAssets are the assets registered on the account (Origin's
	// registerCustomerAsset) and its devices' retirements.
	CustomerAssets []CustomerAsset `yaml:"customerAssets,omitempty"`
	// ExportPaymentMethod is how the account's solar export credit is paid out (CHEQUE,
	// DIRECT_DEBIT); "" until the customer chooses.
	ExportPaymentMethod string `yaml:"exportPaymentMethod,omitempty"`
	// BlanketOrderedAt is when an electric blanket was ordered for the account
	// (Octopus's orderBlanket); zero for none.
	BlanketOrderedAt time.Time `yaml:"blanketOrderedAt,omitempty"`
	// BlanketDiscountCode is the electric blanket discount code the account was given
	// (assignDiscountCode); "" for none.
	BlanketDiscountCode string `yaml:"blanketDiscountCode,omitempty"`
	// DocumentAccessibility is how the customer's documents are made (LARGE_PRINT,
	// BRAILLE, AUDIO); "" for the usual.
	DocumentAccessibility string             `yaml:"documentAccessibility,omitempty"`
	Payments              []Payment          `yaml:"payments,omitempty"`
	Transactions          []Transaction      `yaml:"transactions,omitempty"`
	Statements            []Statement        `yaml:"statements,omitempty"`
	Notes                 []Note             `yaml:"notes,omitempty"`
	References            []AccountReference `yaml:"references,omitempty"`
	Metadata              []Metadata         `yaml:"metadata,omitempty"`
	// Campaigns are the slugs of the campaigns the account is in.
	Campaigns []string `yaml:"campaigns,omitempty"`

	// SMETS2Interest is the interest in a smart meter the account holder stated
	// (SmartMeterInterestChoices: INTERESTED, NOT_AT_THE_MOMENT, NOT_INTERESTED); "" for
	// none, as for a household that has one.
	SMETS2Interest string `yaml:"smets2Interest,omitempty"`
	// SMETS2RefusalReason is why they are not interested (SMETS2InterestReason).
	SMETS2RefusalReason string `yaml:"smets2RefusalReason,omitempty"`

	// ReferralCode is the code the account shares to refer friends.
	ReferralCode     string `yaml:"referralCode,omitempty"`
	ReferralsCreated int    `yaml:"referralsCreated,omitempty"`
	// ReferredBy is the number of the account whose referral this account used.
	ReferredBy string `yaml:"referredBy,omitempty"`
	// ReferredAt is when the account used that referral, which paid both accounts their
	// reward; zero for the day it joined.
	ReferredAt time.Time `yaml:"referredAt,omitempty"`
	// GoodsPurchases are the goods bought on the account (GoodsPurchase).
	GoodsPurchases []GoodsPurchase `yaml:"goodsPurchases,omitempty"`
	// Devices are the smart devices the account has, for tenant SDLs that list an
	// account's devices (devices(accountNumber:)); with none, the world picks them.
	Devices []Device `yaml:"devices,omitempty"`
	// LoyaltyPointsUserID is the user whose loyalty points the account earns and spends.
	LoyaltyPointsUserID string `yaml:"loyaltyPointsUser,omitempty"`
	// LoyaltyPointsSince is when LoyaltyPointsUserID began to earn the account's points:
	// rewards set before it went to whoever earned them then. Zero for the user the
	// world begins with.
	LoyaltyPointsSince time.Time `yaml:"loyaltyPointsSince,omitempty"`
	// WheelSpins are the account's spins of the Wheel of Fortune.
	WheelSpins []WheelSpin `yaml:"wheelSpins,omitempty"`
	// EnergyQuotes are the account's latest quotes for its supply on other products,
	// oldest first.
	EnergyQuotes []EnergyQuote `yaml:"energyQuotes,omitempty"`
	// SavingSessions is the account's part in Octopus's Saving Sessions; nil until it
	// joins the campaign.
	SavingSessions *SavingSessions `yaml:"savingSessions,omitempty"`
	// JoinProcess is what state keeps of the account's switch to the supplier
	// (JoinSupplierProcessType) once its terms were accepted or it was cancelled; its
	// number and progress are the supplies'.
	JoinProcess *JoinProcess `yaml:"joinSupplierProcess,omitempty"`
	// LeaveProcesses are the account's requests to leave the supplier, oldest first.
	LeaveProcesses []LeaveProcess `yaml:"leaveSupplierProcesses,omitempty"`
	// WarmHomeDiscountApplications are the account's applications to the Warm Home
	// Discount's Scottish Broader Group (Octopus's createWarmHomeDiscountApplication),
	// oldest first.
	WarmHomeDiscountApplications []WarmHomeDiscountApplication `yaml:"warmHomeDiscountApplications,omitempty"`
	// FileAttachments are the files attached to the account (Octopus's
	// createAccountFileAttachment), oldest first.
	FileAttachments []FileAttachment `yaml:"fileAttachments,omitempty"`
	// PaymentPlans are the plans to pay off a ledger's debt in instalments offered to or
	// made by the account (Origin's offerPaymentPlan), oldest first.
	PaymentPlans []PaymentPlan `yaml:"paymentPlans,omitempty"`
	// Vouchers are the vouchers bought for the account (Origin's purchaseVoucher), oldest
	// first.
	Vouchers []Voucher `yaml:"vouchers,omitempty"`
	// CreditTransfers are the permissions for credit to move from one of the account's
	// ledgers to another ledger (Origin's createCreditTransferPermission), oldest first.
	CreditTransfers []CreditTransfer `yaml:"creditTransfers,omitempty"`
	// RepaymentRequests are the account's requests for credit to be paid back
	// (submitRepaymentRequest), oldest first.
	RepaymentRequests []RepaymentRequest `yaml:"repaymentRequests,omitempty"`
	// ContributionAgreements are the account's standing contributions to a scheme
	// (createContributionAgreement), oldest first.
	ContributionAgreements []ContributionAgreement `yaml:"contributionAgreements,omitempty"`
	// OctoplusRewards are the Octoplus rewards claimed for the account, oldest first.
	OctoplusRewards []OctoplusReward `yaml:"octoplusRewards,omitempty"`
	// CommsHistory is how the account's comms were sent before each change of its
	// delivery preference or the addresses they go to, oldest first, so that a message
	// stays as it was sent.
	CommsHistory []CommsPeriod `yaml:"commsHistory,omitempty"`
	// Feedback are the requests for the customer's feedback (after a call, an email),
	// answered or not, oldest first.
	Feedback []CustomerFeedback `yaml:"customerFeedback,omitempty"`
	// FormSubmissions are the forms submitted for the account, oldest first.
	FormSubmissions []FormSubmission `yaml:"formSubmissions,omitempty"`
	// SmartMeterData is what the account holder chose of their smart meters' data (Octopus's
	// updateSmartMeterDataPreferences); its zero value: as collected by default.
	SmartMeterData SmartMeterData `yaml:"smartMeterData,omitempty"`

	// ImportSupplier is the code of the supplier that migrated the account, and
	// ExternalAccountNumber the account's number there; the data-import endpoints find
	// the account by both.
	ImportSupplier        string `yaml:"importSupplier,omitempty"`
	ExternalAccountNumber string `yaml:"externalAccountNumber,omitempty"`
}

// JoinProcess is what became of an account's switch to the supplier.
type JoinProcess struct {
	Number string `yaml:"number,omitempty"`
	// Status is IN_PROGRESS, or CANCELLED or REVERSED once undone.
	Status          string    `yaml:"status,omitempty"`
	TermsAcceptedAt time.Time `yaml:"termsAcceptedAt,omitempty"`
	CancelledAt     time.Time `yaml:"cancelledAt,omitempty"`
	CancelReason    string    `yaml:"cancelReason,omitempty"`
	// ReversedAt is when reverseEnrollment undid the switch (Status REVERSED).
	ReversedAt     time.Time `yaml:"reversedAt,omitempty"`
	ReversalReason string    `yaml:"reversalReason,omitempty"`
}

// RewardScheme is a reward a code gives an account that joins (ReferralSchemeType): of
// a type (SIGNUP_REWARD, PROMO_REWARD or PARTNER_REWARD), an amount for the account, how
// many accounts may have it (0 for no limit) and whether it is the sign-up reward in
// force.
type RewardScheme struct {
	Code    string `yaml:"code"`
	Type    string `yaml:"type"`
	Amount  int    `yaml:"amount"`
	MaxUses int    `yaml:"maxUses,omitempty"`
	Active  bool   `yaml:"active,omitempty"`
}

// Fan is a wind turbine of Octopus's Fan Club: the homes in its catchments (postcode
// districts) that join are put on its product, whose unit rate its output discounts
// half hour by half hour; at most MemberCap of them (0 for no cap).
type Fan struct {
	Source     string   `yaml:"source"`
	Name       string   `yaml:"name"`
	Location   string   `yaml:"location,omitempty"`
	WindFarm   string   `yaml:"windFarm,omitempty"`
	Product    string   `yaml:"product"`
	Catchments []string `yaml:"catchments"`
	MemberCap  int      `yaml:"memberCap,omitempty"`
}

// SmartFlexWizard is a SmartFlex onboarding wizard started for a property: open until a
// device is registered there (DeviceID) or it is cancelled.
type SmartFlexWizard struct {
	ID          string    `yaml:"id"`
	PropertyID  string    `yaml:"propertyId"`
	StartedAt   time.Time `yaml:"startedAt"`
	DeviceID    string    `yaml:"deviceId,omitempty"`
	CancelledAt time.Time `yaml:"cancelledAt,omitempty"`
}

// Open reports whether the wizard is still under way.
func (z SmartFlexWizard) Open() bool { return z.DeviceID == "" && z.CancelledAt.IsZero() }

// FanClubMembership is an account's home joining a fan's Fan Club on a day.
type FanClubMembership struct {
	Source     string `yaml:"source"`
	PropertyID string `yaml:"propertyId"`
	Catchment  string `yaml:"catchment"`
	JoinedOn   string `yaml:"joinedOn"`
}

// SchemeReward is a scheme's one-way reward to an account (an AccountReferral):
// PENDING until paid out (PAID) or CANCELLED.
type SchemeReward struct {
	ID        string    `yaml:"id"`
	Scheme    string    `yaml:"scheme"`
	Amount    int       `yaml:"amount"`
	Status    string    `yaml:"status"`
	CreatedAt time.Time `yaml:"createdAt"`
	PaidAt    time.Time `yaml:"paidAt,omitempty"`
	// Referrer is the account whose referral code the reward is for (Scheme is that
	// code): paying it out pays that account too. "" for a scheme's one-way reward.
	Referrer string `yaml:"referrer,omitempty"`
}

// PrepayMeter is a smart meter in prepayment mode: the credit it held at the start of
// Since (a local day), the debt it recovers each week, the top-ups sent to it and its
// auto top-up configs; its use since Since spends the credit.
type PrepayMeter struct {
	MeterID            string        `yaml:"meterId"`
	Since              string        `yaml:"since"`
	OpeningCredit      int           `yaml:"openingCredit,omitempty"`
	Debt               int           `yaml:"debt,omitempty"`
	WeeklyDebtRecovery int           `yaml:"weeklyDebtRecovery,omitempty"`
	TopUps             []PrepayTopUp `yaml:"topUps,omitempty"`
	AutoTopUps         []AutoTopUp   `yaml:"autoTopUps,omitempty"`
}

// PrepayTopUp is credit sent to a prepayment meter, with the UTRN that carries it.
type PrepayTopUp struct {
	ID     string    `yaml:"id"`
	Amount int       `yaml:"amount"`
	At     time.Time `yaml:"at"`
	UTRN   string    `yaml:"utrn"`
}

// AutoTopUp is a prepayment meter's auto top-up config: the credit it adds when the
// balance runs low, from From until To (zero while in force).
type AutoTopUp struct {
	ID     string    `yaml:"id"`
	Amount int       `yaml:"amount"`
	From   time.Time `yaml:"from"`
	To     time.Time `yaml:"to,omitempty"`
}

// Sale is what a sign-up (prepareAccount, initializeAccount) prepared for an account:
// the supplies to switch, the day asked for, the payment day and how it was sold;
// enrollment switches them.
type Sale struct {
	SupplyPoints []SaleSupplyPoint `yaml:"supplyPoints,omitempty"`
	PreferredSSD string            `yaml:"preferredSsd,omitempty"`
	DateOfSale   string            `yaml:"dateOfSale,omitempty"`
	PaymentDay   int               `yaml:"paymentDay,omitempty"`
	SalesChannel string            `yaml:"salesChannel,omitempty"`
	// SalesSubchannel is the sale's subchannel, as its salesInfo gave it.
	SalesSubchannel string `yaml:"salesSubchannel,omitempty"`
	// URN is the unique reference of the third party that made the sale.
	URN          string `yaml:"urn,omitempty"`
	ReferralCode string `yaml:"referralCode,omitempty"`
	// EnrolledAt is when enrollment began the switch; zero before.
	EnrolledAt time.Time `yaml:"enrolledAt,omitempty"`
}

// SaleSupplyPoint is a supply a sign-up names: electricity or gas, by MPAN, NMI, MPRN
// or MIRN.
type SaleSupplyPoint struct {
	Electricity bool   `yaml:"electricity,omitempty"`
	Identifier  string `yaml:"identifier,omitempty"`
}

// LeaveProcess is an account's request to leave the supplier (LeaveSupplierProcessType)
// on SupplyEnd, in progress until then, unless cancelled.
type LeaveProcess struct {
	ID        string    `yaml:"id,omitempty"`
	SupplyEnd string    `yaml:"supplyEnd,omitempty"`
	Cancelled bool      `yaml:"cancelled,omitempty"`
	CreatedAt time.Time `yaml:"createdAt,omitempty"`
	Reason    string    `yaml:"reason,omitempty"`
	// Reversed marks a completed leave undone (reverseLeaveSupplier): the agreements
	// it ended are back.
	Reversed bool `yaml:"reversed,omitempty"`
	// Restore holds, by meter point id, the agreements the process ended, for a
	// cancellation to put back; the map is replaced, never changed.
	Restore map[string][]Agreement `yaml:"-"`
	// Schedules are the account's payment schedules as they were before the process
	// ended them, for a cancellation to put back; replaced, never changed.
	Schedules []PaymentSchedule `yaml:"-"`
}

// WheelSpin is one spin of the Wheel of Fortune: the fuel it was for (ELECTRICITY,
// GAS), when, and the prize in pence.
type WheelSpin struct {
	Fuel  string    `yaml:"fuel"`
	At    time.Time `yaml:"at"`
	Prize int       `yaml:"prize"`
}

// EnergyQuote is a quote for an account's supply on energy products (Octopus's requote
// and quoteAccountOnProducts), whose products a renewal or a switch takes by id.
type EnergyQuote struct {
	Code      string    `yaml:"code"`
	CreatedAt time.Time `yaml:"createdAt"`
	// PropertyID is the property a quote for a whole property is for; "" for a quote by
	// meter point.
	PropertyID string                `yaml:"propertyId,omitempty"`
	Products   []QuotedEnergyProduct `yaml:"products"`
	// PaymentMethod is how a quote for a whole property has it paid (QuotePaymentMethod).
	PaymentMethod string `yaml:"paymentMethod,omitempty"`
	// AcceptedAt is when a supply was switched to one of its products; zero until then.
	AcceptedAt time.Time `yaml:"acceptedAt,omitempty"`
}

// QuotedEnergyProduct is a product an energy quote offers: its id, the product's code,
// and the meter points (MPANs, MPRNs) it is quoted for.
type QuotedEnergyProduct struct {
	ID          string   `yaml:"id"`
	ProductCode string   `yaml:"productCode"`
	MeterPoints []string `yaml:"meterPoints"`
	// Selected is whether the customer chose it for its meter points (selectProducts).
	Selected bool `yaml:"selected,omitempty"`
}

// MaxEnergyQuotes is how many quotes an account keeps; a new one drops the oldest.
const MaxEnergyQuotes = 20

// AddEnergyQuote adds q to the account's quotes, dropping the oldest beyond
// MaxEnergyQuotes.
func (a *Account) AddEnergyQuote(q EnergyQuote) { addQuote(&a.EnergyQuotes, q) }

// QuotedProduct is the account's quoted product with id and its quote; nils when none.
func (a *Account) QuotedProduct(id string) (*EnergyQuote, *QuotedEnergyProduct) {
	return quotedProduct(a.EnergyQuotes, id)
}

// AddPropertyQuote adds q to the user's quotes for homes, dropping the oldest beyond
// MaxEnergyQuotes.
func (u *User) AddPropertyQuote(q EnergyQuote) { addQuote(&u.PropertyQuotes, q) }

// PropertyQuotedProduct is the user's quoted product with id for a home, and its quote;
// nils when none.
func (u *User) PropertyQuotedProduct(id string) (*EnergyQuote, *QuotedEnergyProduct) {
	return quotedProduct(u.PropertyQuotes, id)
}

func addQuote(quotes *[]EnergyQuote, q EnergyQuote) {
	*quotes = append(*quotes, q)
	if n := len(*quotes) - MaxEnergyQuotes; n > 0 {
		*quotes = slices.Delete(*quotes, 0, n)
	}
}

func quotedProduct(quotes []EnergyQuote, id string) (*EnergyQuote, *QuotedEnergyProduct) {
	for i := range quotes {
		q := &quotes[i]
		for j := range q.Products {
			if q.Products[j].ID == id {
				return q, &q.Products[j]
			}
		}
	}
	return nil, nil
}

// LifeSupportRecord is a registration that someone at the account's home relies on life
// support equipment: from when, its LifeSupportStatus, the equipment (a
// LifeSupportEquipment value, "" when not told) and how to reach them.
type LifeSupportRecord struct {
	ID        string `yaml:"id"`
	Date      string `yaml:"date"`
	Status    string `yaml:"status"`
	Equipment string `yaml:"equipment,omitempty"`
	Contact   string `yaml:"contact,omitempty"`
}

// ProductEnrolment is an account's enrolment of a supply onto a smart tariff, or of its
// export onto an export tariff: the supply by MPAN or MPRN, the product, the day the
// supply changes to it (none for an export awaiting its MPAN), and when it started.
type ProductEnrolment struct {
	ID          string    `yaml:"id"`
	Export      bool      `yaml:"export,omitempty"`
	MPXN        string    `yaml:"mpxn"`
	ProductCode string    `yaml:"productCode"`
	ChangeOn    string    `yaml:"changeOn,omitempty"`
	StartedAt   time.Time `yaml:"startedAt"`
	// TermsVersion is the version of the product's terms the customer accepted.
	TermsVersion string `yaml:"termsVersion,omitempty"`
}

// WarmHomeDiscountApplication is an application to the Warm Home Discount: the benefit
// and component it qualifies by, its status (PENDING, REJECTED…) and why it was
// rejected, for the scheme year ending in YearEnding.
type WarmHomeDiscountApplication struct {
	ID                  string    `yaml:"id"`
	QualifyingCriteria  string    `yaml:"qualifyingCriteria"`
	QualifyingComponent string    `yaml:"qualifyingComponent"`
	Status              string    `yaml:"status"`
	RejectionReason     string    `yaml:"rejectionReason,omitempty"`
	YearEnding          int       `yaml:"yearEnding"`
	CreatedAt           time.Time `yaml:"createdAt"`
}

// FileAttachment is a file attached to an account: made with a name and a category, its
// content uploaded to the simulated storage under Key, then made ready for use by the
// post-upload operations.
type FileAttachment struct {
	ID        string    `yaml:"id"`
	Filename  string    `yaml:"filename"`
	Category  string    `yaml:"category"`
	Key       string    `yaml:"key"`
	CreatedAt time.Time `yaml:"createdAt"`
	// Uploaded says the file's content arrived, Size bytes of ContentType; Ready that the
	// post-upload operations ran.
	Uploaded    bool   `yaml:"uploaded,omitempty"`
	Ready       bool   `yaml:"ready,omitempty"`
	Size        int    `yaml:"size,omitempty"`
	ContentType string `yaml:"contentType,omitempty"`
	// Content is the uploaded file, which only the session that uploaded it holds.
	Content []byte `yaml:"-" json:"-"`
}

// FileAttachment returns the account whose attachment is stored under key, for reading,
// and the attachment's index; nil and -1 when none is.
func (w *World) FileAttachment(key string) (*Account, int) {
	for _, a := range w.Accounts {
		if a == nil {
			continue
		}
		for i := range a.FileAttachments {
			if a.FileAttachments[i].Key == key {
				return a, i
			}
		}
	}
	return nil, -1
}

// PaymentPlan is a plan to pay a ledger's debt, and what it uses meanwhile, in
// instalments: offered until it is accepted (ACTIVE) or its offer expires, then active
// until it is cancelled, revised or broken, an instalment is missed, or its last
// instalment is paid.
type PaymentPlan struct {
	ID           string `yaml:"id"`
	LedgerNumber string `yaml:"ledgerNumber"`
	// Status is OFFERED, ACTIVE, CANCELLED, REVISED or BROKEN; an offer past its expiry
	// reads EXPIRED, an active plan with an instalment not paid by its day BROKEN, and
	// one whose instalments were all paid COMPLETED.
	Status string `yaml:"status"`
	// ScheduleType is how the instalments are paid (ScheduleType: DIRECT_DEBIT…).
	ScheduleType string    `yaml:"scheduleType"`
	OfferedAt    time.Time `yaml:"offeredAt,omitempty"`
	// OfferExpiresAt is when an offer may no longer be accepted; zero for a plan made
	// without an offer.
	OfferExpiresAt time.Time `yaml:"offerExpiresAt,omitempty"`
	AcceptedAt     time.Time `yaml:"acceptedAt,omitempty"`
	UpdatedAt      time.Time `yaml:"updatedAt"`
	// Frequency is WEEKLY or MONTHLY, every FrequencyMultiplier weeks or months.
	Frequency           string        `yaml:"frequency"`
	FrequencyMultiplier int           `yaml:"frequencyMultiplier"`
	Payments            []PlanPayment `yaml:"payments"`
	// ScheduleID is the payment schedule (reason DEBT_REPAYMENT_PLAN) that collects the
	// instalments of a plan put in force; "" for an offer.
	ScheduleID string `yaml:"scheduleId,omitempty"`
}

// CustomerFeedback is a request for a customer's feedback (CustomerFeedbackType) and
// their answer.
type CustomerFeedback struct {
	ID int `yaml:"id,omitempty"`
	// Source is what asked for it, a CustomerFeedbackSourceChoices value without its
	// prefix (PHONE_CALL_FOLLOW_UP, EMAIL_FOLLOW_UP…).
	Source    string    `yaml:"source,omitempty"`
	CreatedAt time.Time `yaml:"createdAt,omitempty"`
	// SubmittedAt is zero until the customer answers.
	SubmittedAt   time.Time `yaml:"submittedAt,omitempty"`
	FormID        int       `yaml:"formId,omitempty"`
	Answer        string    `yaml:"answer,omitempty"`
	IssueResolved bool      `yaml:"issueResolved,omitempty"`
	// RawScore is the answer's score; nil for an answer that is none.
	RawScore *int `yaml:"rawScore,omitempty"`
}

// FormSubmission is a form's answers submitted for an account (createFormSubmission).
type FormSubmission struct {
	ID          int       `yaml:"id,omitempty"`
	FormType    string    `yaml:"formType,omitempty"`
	Content     string    `yaml:"content,omitempty"`
	SubmittedAt time.Time `yaml:"submittedAt,omitempty"`
}

// OctoplusReward is an Octoplus offer claimed for an account (OctoplusRewardType): the
// offer by its slug, when, and the voucher code issued for it.
type OctoplusReward struct {
	ID        int       `yaml:"id,omitempty"`
	Offer     string    `yaml:"offer,omitempty"`
	ClaimedAt time.Time `yaml:"claimedAt,omitempty"`
	Code      string    `yaml:"code,omitempty"`
}

// ContributionAgreement is an account's standing contribution to a scheme
// (ContributionAgreementType): Amount in pence each Interval (MONTHLY, QUARTERLY) from
// ActiveFrom until ActiveTo (zero while it lasts).
type ContributionAgreement struct {
	ID         string    `yaml:"id,omitempty"`
	Scheme     string    `yaml:"scheme,omitempty"`
	Interval   string    `yaml:"interval,omitempty"`
	Amount     int       `yaml:"amount,omitempty"`
	ActiveFrom time.Time `yaml:"activeFrom,omitempty"`
	ActiveTo   time.Time `yaml:"activeTo,omitempty"`
}

// RepaymentRequest is a request for credit on one of the account's ledgers to be paid
// back to the customer (RepaymentRequestType): its amount in pence, how (BANK_TRANSFER,
// CHEQUE), why, the idempotency key it was sent with, and its status (REQUESTED until
// the supplier acts on it, CANCELLED).
type RepaymentRequest struct {
	ID             string    `yaml:"id,omitempty"`
	LedgerNumber   string    `yaml:"ledgerNumber,omitempty"`
	Amount         int       `yaml:"amount,omitempty"`
	Method         string    `yaml:"method,omitempty"`
	Reason         string    `yaml:"reason,omitempty"`
	IdempotencyKey string    `yaml:"idempotencyKey,omitempty"`
	Status         string    `yaml:"status,omitempty"`
	RequestedAt    time.Time `yaml:"requestedAt,omitempty"`
	// PaymentID is the payment a refund gives back (refundPayment); "" for credit asked
	// back.
	PaymentID string `yaml:"paymentId,omitempty"`
}

// CreditTransfer is a permission for credit to move from a ledger (Source, the
// account's) to another (Target, by number), from ValidFrom until ValidTo (zero while it
// lasts).
type CreditTransfer struct {
	Source    string    `yaml:"source,omitempty"`
	Target    string    `yaml:"target,omitempty"`
	ValidFrom time.Time `yaml:"validFrom,omitempty"`
	ValidTo   time.Time `yaml:"validTo,omitempty"`
}

// Voucher is a voucher bought for an account (VoucherPurchaseType): credit worth Value
// cents, redeemable from AvailableFrom (a date), of which Redeemed has been spent, and
// the charge the purchase put on the account (in cents, with tax; 0 for none).
type Voucher struct {
	ID             string    `yaml:"id"`
	DisplayName    string    `yaml:"displayName"`
	VoucherType    string    `yaml:"voucherType"`
	Value          int       `yaml:"value"`
	Redeemed       int       `yaml:"redeemed,omitempty"`
	PurchasedAt    time.Time `yaml:"purchasedAt"`
	AvailableFrom  string    `yaml:"availableFrom"`
	RefundedAt     time.Time `yaml:"refundedAt,omitempty"`
	Charge         int       `yaml:"charge,omitempty"`
	ChargeID       string    `yaml:"chargeId,omitempty"`
	ClientParams   string    `yaml:"clientParams,omitempty"`
	IdempotencyKey string    `yaml:"idempotencyKey,omitempty"`
}

// PlanPayment is one instalment of a payment plan: the day it is due and its amount in
// pence (cents).
type PlanPayment struct {
	Date   string `yaml:"date"`
	Amount int    `yaml:"amount"`
}

// SavingSessions is an account's sign-up to Octopus's Saving Sessions: the MPAN signed
// up, when, and the codes of the events it joined since, oldest first.
type SavingSessions struct {
	MPAN     string    `yaml:"mpan"`
	JoinedAt time.Time `yaml:"joinedAt"`
	Events   []string  `yaml:"events,omitempty"`
}

// MaxSavingSessionsEvents is how many Saving Sessions events an account keeps joined.
const MaxSavingSessionsEvents = 200

// StatusOn is the account's status on a day (YYYY-MM-DD): a PENDING account is ACTIVE
// from the day one of its supplies' agreements is in force, and stays so once its
// supply has ended.
func (a *Account) StatusOn(day string) string {
	if a.Status != "PENDING" {
		return a.Status
	}
	begun := func(ags []Agreement) bool {
		return slices.ContainsFunc(ags, func(ag Agreement) bool { return ag.ValidFrom <= day && (ag.ValidTo == "" || ag.ValidTo > ag.ValidFrom) })
	}
	for _, p := range a.Properties {
		for _, mp := range p.ElectricityMeterPoints {
			if begun(mp.Agreements) {
				return "ACTIVE"
			}
		}
		for _, mp := range p.GasMeterPoints {
			if begun(mp.Agreements) {
				return "ACTIVE"
			}
		}
	}
	return a.Status
}

// ElectricityMeterPoint returns the account's meter point with the given MPAN or NMI
// and its property, or nils.
func (a *Account) ElectricityMeterPoint(mpan string) (*Property, *ElectricityMeterPoint) {
	for i := range a.Properties {
		p := &a.Properties[i]
		for j := range p.ElectricityMeterPoints {
			if p.ElectricityMeterPoints[j].Identifier() == mpan {
				return p, &p.ElectricityMeterPoints[j]
			}
		}
	}
	return nil, nil
}

// Address is a postal address: up to five lines, a postcode and a country code.
type Address struct {
	Lines       []string `yaml:"lines,omitempty"`
	Postcode    string   `yaml:"postcode,omitempty"`
	CountryCode string   `yaml:"countryCode,omitempty"`
}

// Property is a supply address (PropertyType) and its meter points.
type Property struct {
	ID                string  `yaml:"id,omitempty"`
	Address           Address `yaml:"address,omitempty"`
	PropertyType      string  `yaml:"propertyType,omitempty"`
	NumberOfOccupants int     `yaml:"numberOfOccupants,omitempty"`
	OccupiedFrom      string  `yaml:"occupiedFrom,omitempty"`
	OccupiedTo        string  `yaml:"occupiedTo,omitempty"`
	// MovedIn marks a home the account moved into (an occupy-property process), rather
	// than one it switched the supplies of.
	MovedIn bool `yaml:"movedIn,omitempty"`
	// EmbeddedNetwork is the code of the embedded network (a private network behind one
	// parent meter, a community energy scheme) the property belongs to; "" for none.
	EmbeddedNetwork        string                  `yaml:"embeddedNetworkCode,omitempty"`
	ElectricityMeterPoints []ElectricityMeterPoint `yaml:"electricityMeterPoints,omitempty"`
	GasMeterPoints         []GasMeterPoint         `yaml:"gasMeterPoints,omitempty"`
	WaterMeterPoints       []WaterMeterPoint       `yaml:"waterMeterPoints,omitempty"`
	// ServiceOrders are the requests made to the networks for the home's supplies (a
	// final read on a move out, a read on a move in), oldest first.
	ServiceOrders []ServiceOrder `yaml:"serviceOrders,omitempty"`
	// MoveOut is what a move out that may still be undone changed; nil for none. It is
	// replaced, never changed.
	MoveOut *MoveOut `yaml:"-"`
}

// ServiceOrder is a request to a network for work on a supply: its number, the meter
// point, its type and subtype (SPECIAL_READ, FINAL_READ) and the day it is done.
type ServiceOrder struct {
	ID            string `yaml:"id"`
	MeterPointID  string `yaml:"meterPointId"`
	Gas           bool   `yaml:"gas,omitempty"`
	Type          string `yaml:"type"`
	Subtype       string `yaml:"subtype,omitempty"`
	ScheduledDate string `yaml:"scheduledDate"`
}

// MoveOut is an account's move out of a property, as Origin triggers it fuel by fuel:
// the fuels it has ended, the agreements it ended by meter point id, and the account's
// payment schedules before it ended them (nil when it did not), to put back.
type MoveOut struct {
	Fuels     []string
	Restore   map[string][]Agreement
	Schedules []PaymentSchedule
}

// WaterMeterPoint is a property's water supply (WaterMeterPointType) and the meters
// fitted on it, the first of which made it one.
type WaterMeterPoint struct {
	ID int `yaml:"id,omitempty"`
	// MeasuredFrom is the day the supply is charged by what its meter measures
	// (switchAccountToMeasuredTariff); "" while it is charged unmeasured.
	MeasuredFrom string       `yaml:"measuredFrom,omitempty"`
	Meters       []WaterMeter `yaml:"meters,omitempty"`
}

// WaterMeter is one water meter (WaterMeterType) on a water supply.
type WaterMeter struct {
	ID               string `yaml:"id,omitempty"`
	SerialNumber     string `yaml:"serialNumber,omitempty"`
	MakeAndModel     string `yaml:"makeAndModel,omitempty"`
	ReadMethod       string `yaml:"readMethod,omitempty"`
	Location         string `yaml:"location,omitempty"`
	AccessDetails    string `yaml:"accessDetails,omitempty"`
	KeyDetails       string `yaml:"keyDetails,omitempty"`
	MeasurementUnit  string `yaml:"measurementUnit,omitempty"`
	NumberOfDials    int    `yaml:"numberOfDials,omitempty"`
	InstallationDate string `yaml:"installationDate,omitempty"`
	// InitialReading is the register's value when fitted.
	InitialReading float64 `yaml:"initialReading,omitempty"`
	// RemovedOn is the day the meter was exchanged for another; "" while it is fitted.
	RemovedOn string `yaml:"removedOn,omitempty"`
	// FinalReading is the register's value when removed.
	FinalReading float64 `yaml:"finalReading,omitempty"`
}

// ElectricityMeterPoint is an electricity supply (ElectricityMeterPointType), by MPAN or NMI.
type ElectricityMeterPoint struct {
	ID   string `yaml:"id,omitempty"`
	MPAN string `yaml:"mpan,omitempty"`
	// NMI is an Australian supply's National Metering Identifier, given in place of an MPAN.
	NMI                 string             `yaml:"nmi,omitempty"`
	Status              string             `yaml:"status,omitempty"`
	ProfileClass        int                `yaml:"profileClass,omitempty"`
	SSC                 string             `yaml:"ssc,omitempty"`
	GSPGroupID          string             `yaml:"gspGroupId,omitempty"`
	EnergisationStatus  string             `yaml:"energisationStatus,omitempty"`
	MeasurementClass    string             `yaml:"measurementClass,omitempty"`
	CurrentSupplierMPID string             `yaml:"currentSupplierMpid,omitempty"`
	Meters              []ElectricityMeter `yaml:"meters,omitempty"`
	Agreements          []Agreement        `yaml:"agreements,omitempty"`
	// RegistrationStartDate is the supply start date of the last registration flow sent.
	RegistrationStartDate string `yaml:"registrationStartDate,omitempty"`
	// Access is how a meter reader reaches the meter, as the customer last told it; nil
	// for what the property's kind makes it.
	Access *SiteAccess `yaml:"access,omitempty"`
}

// SiteAccess is how to reach a supply's meter: instructions, and the hazards there
// (HazardType names, then others in words).
type SiteAccess struct {
	Details string   `yaml:"details,omitempty"`
	Hazards []string `yaml:"hazards,omitempty"`
}

// ElectricityMeter is one electricity meter (ElectricityMeterType) and its readings.
type ElectricityMeter struct {
	ID           string `yaml:"id,omitempty"`
	SerialNumber string `yaml:"serialNumber,omitempty"`
	MeterType    string `yaml:"meterType,omitempty"`
	IsDigital    bool   `yaml:"isDigital,omitempty"`
	ActiveFrom   string `yaml:"activeFrom,omitempty"`
	// ActiveTo is the day the meter was taken out, as an import tells it; "" while fitted.
	ActiveTo string         `yaml:"activeTo,omitempty"`
	Readings []MeterReading `yaml:"readings,omitempty"`
	// Registers are the identifiers of the registers a data import declared the meter
	// to have; none for a meter whose registers follow from its tariff.
	Registers []string `yaml:"registers,omitempty"`
}

// GasMeterPoint is a gas supply (GasMeterPointType), by MPRN or MIRN.
type GasMeterPoint struct {
	ID   string `yaml:"id,omitempty"`
	MPRN string `yaml:"mprn,omitempty"`
	// MIRN is an Australian supply's Meter Installation Registration Number, given in place
	// of an MPRN.
	MIRN                string      `yaml:"mirn,omitempty"`
	Status              string      `yaml:"status,omitempty"`
	CurrentSupplierMPID string      `yaml:"currentSupplierMpid,omitempty"`
	Meters              []GasMeter  `yaml:"meters,omitempty"`
	Agreements          []Agreement `yaml:"agreements,omitempty"`
	// RegistrationStartDate is the supply start date of the last registration flow sent.
	RegistrationStartDate string `yaml:"registrationStartDate,omitempty"`
}

// Identifier is the supply's market identifier: its MPAN, or its NMI.
func (mp *ElectricityMeterPoint) Identifier() string {
	if mp.MPAN == "" {
		return mp.NMI
	}
	return mp.MPAN
}

// Identifier is the supply's market identifier: its MPRN, or its MIRN.
func (mp *GasMeterPoint) Identifier() string {
	if mp.MPRN == "" {
		return mp.MIRN
	}
	return mp.MPRN
}

// GasMeter is one gas meter (GasMeterType) and its readings.
type GasMeter struct {
	ID           string `yaml:"id,omitempty"`
	SerialNumber string `yaml:"serialNumber,omitempty"`
	MeterType    string `yaml:"meterType,omitempty"`
	IsDigital    bool   `yaml:"isDigital,omitempty"`
	Imperial     bool   `yaml:"imperial,omitempty"`
	ActiveFrom   string `yaml:"activeFrom,omitempty"`
	// ActiveTo is the day the meter was taken out, as an import tells it; "" while fitted.
	ActiveTo string         `yaml:"activeTo,omitempty"`
	Readings []MeterReading `yaml:"readings,omitempty"`
}

// MeterReading is one reading of a meter's register.
type MeterReading struct {
	// ID is its id; "" for one its meter's id and its place among the meter's readings make.
	ID       string    `yaml:"id,omitempty"`
	ReadAt   time.Time `yaml:"readAt,omitempty"`
	Register string    `yaml:"register,omitempty"`
	Value    float64   `yaml:"value,omitempty"`
	Source   string    `yaml:"source,omitempty"`
	// Given says that it was given through the API rather than listed by the world:
	// on a smart meter it is checked against what the meter recorded and does not move
	// its register.
	Given bool `yaml:"given,omitempty"`
}

// Agreement is a meter point's tariff over a period (ElectricityAgreementType,
// GasAgreementType).
type Agreement struct {
	ID          string `yaml:"id,omitempty"`
	TariffCode  string `yaml:"tariffCode,omitempty"`
	ProductCode string `yaml:"productCode,omitempty"`
	ValidFrom   string `yaml:"validFrom,omitempty"`
	ValidTo     string `yaml:"validTo,omitempty"`
	// AgreedAt is when the agreement was made; unset, three weeks before it began (not
	// before the account was opened).
	AgreedAt time.Time `yaml:"agreedAt,omitempty"`
}

// InForce reports whether the agreement is in force on a day (YYYY-MM-DD): begun by
// then and not yet ended.
func (ag Agreement) InForce(day string) bool {
	return ag.ValidFrom <= day && (ag.ValidTo == "" || ag.ValidTo > day)
}

// Ledger is one of an account's ledgers (LedgerType).
type Ledger struct {
	ID         string `yaml:"id,omitempty"`
	Number     string `yaml:"number,omitempty"`
	Name       string `yaml:"name,omitempty"`
	LedgerType string `yaml:"ledgerType,omitempty"`
	// Balance is in pence; positive is in credit.
	Balance int `yaml:"balance,omitempty"`
}

// HardshipAgreement is an arrangement for a customer in financial hardship
// (HardshipAgreementType), in force from StartDate to EndDate ("" while open).
type HardshipAgreement struct {
	ID                 string    `yaml:"id,omitempty"`
	HardshipType       string    `yaml:"hardshipType,omitempty"`
	HardshipDetails    string    `yaml:"hardshipDetails,omitempty"`
	EntryReason        string    `yaml:"hardshipEntryReason,omitempty"`
	PaymentPlanDetails string    `yaml:"paymentPlanDetails,omitempty"`
	StartDate          string    `yaml:"startDate,omitempty"`
	EndDate            string    `yaml:"endDate,omitempty"`
	ExitReason         string    `yaml:"exitReason,omitempty"`
	ExitReasonDetails  string    `yaml:"exitReasonDetails,omitempty"`
	CreatedAt          time.Time `yaml:"createdAt,omitempty"`
}

// Reminder is a task set on an account for its supplier's staff (Origin's Reminder,
// an AccountReminder), open until completed.
type Reminder struct {
	ID               int       `yaml:"id,omitempty"`
	Type             string    `yaml:"type,omitempty"`
	Content          string    `yaml:"content,omitempty"`
	DueAt            time.Time `yaml:"dueAt,omitempty"`
	AssigneeUsername string    `yaml:"assigneeUsername,omitempty"`
	AssigneeID       string    `yaml:"assigneeId,omitempty"`
	AssigneeTeamName string    `yaml:"assigneeTeamName,omitempty"`
	AssigneeTeamID   string    `yaml:"assigneeTeamId,omitempty"`
	Params           string    `yaml:"params,omitempty"`
	CreatedAt        time.Time `yaml:"createdAt,omitempty"`
	CompletedAt      time.Time `yaml:"completedAt,omitempty"`
	CompletedReason  string    `yaml:"completedReason,omitempty"`
}

// Appointment is an engineer's visit booked at one of the account's properties (a
// siteworks appointment): BOOKED until its day passes or it is cancelled.
type Appointment struct {
	ID         string    `yaml:"id,omitempty"`
	PropertyID string    `yaml:"propertyId,omitempty"`
	Date       string    `yaml:"date,omitempty"`
	Start      string    `yaml:"start,omitempty"`
	End        string    `yaml:"end,omitempty"`
	Cancelled  bool      `yaml:"cancelled,omitempty"`
	CreatedAt  time.Time `yaml:"createdAt,omitempty"`
	Notes      string    `yaml:"notes,omitempty"`
}

// CentrepayDeduction is a regular deduction from a customer's Centrelink benefit paid
// to the account (Australia's Centrepay), in force from ValidFrom until ValidTo or a
// target amount is paid; ChangeStatus is the request Services Australia is processing.
type CentrepayDeduction struct {
	ID                      string `yaml:"id,omitempty"`
	BenefitGroup            string `yaml:"benefitGroup,omitempty"`
	ServiceReason           string `yaml:"serviceReason,omitempty"`
	CustomerReferenceNumber string `yaml:"customerReferenceNumber,omitempty"`
	Amount                  int    `yaml:"amount,omitempty"`
	TargetAmount            int    `yaml:"targetAmount,omitempty"`
	ValidFrom               string `yaml:"validFrom,omitempty"`
	ValidTo                 string `yaml:"validTo,omitempty"`
	GivenName               string `yaml:"customerGivenName,omitempty"`
	FamilyName              string `yaml:"customerFamilyName,omitempty"`
	DateOfBirth             string `yaml:"customerDateOfBirth,omitempty"`
	ChangeStatus            string `yaml:"changeStatus,omitempty"`
}

// Complaint is a complaint a customer made about the account, and its first contact.
type Complaint struct {
	ID             string    `yaml:"id,omitempty"`
	Type           string    `yaml:"type,omitempty"`
	Subtype        string    `yaml:"subtype,omitempty"`
	Summary        string    `yaml:"summary,omitempty"`
	Source         string    `yaml:"source,omitempty"`
	ContactMethod  string    `yaml:"preferredContactMethod,omitempty"`
	Status         string    `yaml:"status,omitempty"`
	CreatedAt      time.Time `yaml:"createdAt,omitempty"`
	ResolutionDate string    `yaml:"resolutionDate,omitempty"`
}

// LoyaltyCard is a card of a loyalty scheme (a frequent flyer programme, a store's
// points) the customer's rewards are paid into.
type LoyaltyCard struct {
	ID     string `yaml:"id"`
	Scheme string `yaml:"scheme"`
	Number string `yaml:"number"`
}

// MaxDepositAmounts is how many calculated deposits a user keeps.
const MaxDepositAmounts = 50

// DepositAmount is a deposit calculated for a business's credit score and monthly
// consumption, which its key names.
type DepositAmount struct {
	Key    string `yaml:"key"`
	Amount int    `yaml:"amount"`
}

// Deposit is a deposit agreement: the amount its key asks, why, when the customer
// accepted it and when it was paid (the payment and the idempotency key it was
// collected with).
type Deposit struct {
	Key            string    `yaml:"key"`
	Amount         int       `yaml:"amount"`
	Reason         string    `yaml:"reason,omitempty"`
	CreatedAt      time.Time `yaml:"createdAt,omitempty"`
	AcceptedAt     time.Time `yaml:"acceptedAt,omitempty"`
	FulfilledAt    time.Time `yaml:"fulfilledAt,omitempty"`
	PaymentID      string    `yaml:"paymentId,omitempty"`
	IdempotencyKey string    `yaml:"idempotencyKey,omitempty"`
}

// CustomerAsset is a device registered on an account as a customer asset, or the
// retirement of one of its Devices (ID the device's).
type CustomerAsset struct {
	ID         string `yaml:"id"`
	PhysicalID string `yaml:"physicalId,omitempty"`
	Name       string `yaml:"name,omitempty"`
	// Type is a CustomerAssetTypeEnum value (EV, EVSE, HEAT_PUMP…), "" for none.
	Type                 string    `yaml:"type,omitempty"`
	PropertyID           string    `yaml:"propertyId,omitempty"`
	SupplyPointID        string    `yaml:"supplyPointId,omitempty"`
	OrganisationID       int       `yaml:"organisationId,omitempty"`
	OrganisationDeviceID string    `yaml:"organisationDeviceId,omitempty"`
	ActiveFrom           time.Time `yaml:"activeFrom,omitempty"`
	// ActiveTo is when it was retired; zero while active.
	ActiveTo time.Time `yaml:"activeTo,omitempty"`
}

// PaymentPreference is how a customer asked a ledger's payments to be collected from a
// day: with one of the account's instructions, or none (payments made by hand).
type PaymentPreference struct {
	LedgerNumber string `yaml:"ledgerNumber,omitempty"`
	From         string `yaml:"from,omitempty"`
	// Instruction is the id of the instruction preferred; "" to stop automated payments.
	Instruction string `yaml:"instruction,omitempty"`
}

// PaymentSchedule is a plan of regular payments into a ledger (PaymentScheduleType).
type PaymentSchedule struct {
	ID                         string `yaml:"id,omitempty"`
	LedgerNumber               string `yaml:"ledgerNumber,omitempty"`
	ValidFrom                  string `yaml:"validFrom,omitempty"`
	ValidTo                    string `yaml:"validTo,omitempty"`
	Reason                     string `yaml:"reason,omitempty"`
	PaymentDay                 int    `yaml:"paymentDay,omitempty"`
	PaymentFrequency           string `yaml:"paymentFrequency,omitempty"`
	PaymentFrequencyMultiplier int    `yaml:"paymentFrequencyMultiplier,omitempty"`
	PaymentAmount              int    `yaml:"paymentAmount,omitempty"`
	// TotalDebtAmount is the debt the schedule pays off (a payment extension's
	// instalments), its last instalment taking what is left; 0 for none.
	TotalDebtAmount         int    `yaml:"totalDebtAmount,omitempty"`
	IsVariablePaymentAmount bool   `yaml:"isVariablePaymentAmount,omitempty"`
	IsPaymentHoliday        bool   `yaml:"isPaymentHoliday,omitempty"`
	ScheduleType            string `yaml:"scheduleType,omitempty"`
}

// PaymentInstruction is a direct debit mandate or a stored card (PaymentInstructionType).
type PaymentInstruction struct {
	ID                      string    `yaml:"id,omitempty"`
	LedgerNumber            string    `yaml:"ledgerNumber,omitempty"`
	Status                  string    `yaml:"status,omitempty"`
	InstructionType         string    `yaml:"instructionType,omitempty"`
	Vendor                  string    `yaml:"vendor,omitempty"`
	VendorReference         string    `yaml:"vendorReference,omitempty"`
	AccountHolder           string    `yaml:"accountHolder,omitempty"`
	SortCode                string    `yaml:"sortCode,omitempty"`
	MaskedAccountIdentifier string    `yaml:"maskedAccountIdentifier,omitempty"`
	CardPaymentNetwork      string    `yaml:"cardPaymentNetwork,omitempty"`
	CardExpiryMonth         int       `yaml:"cardExpiryMonth,omitempty"`
	CardExpiryYear          int       `yaml:"cardExpiryYear,omitempty"`
	ValidFrom               time.Time `yaml:"validFrom,omitempty"`
	// InvalidatedAt is when the instruction was invalidated: nothing is collected with
	// it from that day.
	InvalidatedAt time.Time `yaml:"invalidatedAt,omitempty"`
}

// Payment is a payment made or scheduled on an account (AccountPaymentType).
type Payment struct {
	ID              string `yaml:"id,omitempty"`
	LedgerNumber    string `yaml:"ledgerNumber,omitempty"`
	Amount          int    `yaml:"amount,omitempty"`
	PaymentDate     string `yaml:"paymentDate,omitempty"`
	Reference       string `yaml:"reference,omitempty"`
	Status          string `yaml:"status,omitempty"`
	TransactionType string `yaml:"transactionType,omitempty"`
	// OneOff marks a payment taken once (a one-off collection, a card payment, a
	// deposit, a promise), never a schedule's collection, even on its day.
	OneOff bool `yaml:"oneOff,omitempty"`
}

// Transaction is a charge, credit, payment or repayment on an account, as the
// data-import endpoint imports them.
type Transaction struct {
	// ID is Kraken's own id (TransactionType.id): numbered in the account's sequence,
	// or lettered for what billing derives, never the import supplier's.
	ID string `yaml:"id,omitempty"`
	// ImportSupplier and ImportID are the import supplier and its transaction_id of an
	// imported transaction, which check_previously_added matches and the IMPORTED_
	// transaction filters list.
	ImportSupplier string `yaml:"importSupplier,omitempty"`
	ImportID       string `yaml:"importId,omitempty"`
	LedgerNumber   string `yaml:"ledgerNumber,omitempty"`
	Date           string `yaml:"date,omitempty"`
	// Amount is in pence.
	Amount      int    `yaml:"amount,omitempty"`
	Type        string `yaml:"type,omitempty"`
	Reason      string `yaml:"reason,omitempty"`
	Reference   string `yaml:"reference,omitempty"`
	PaymentType string `yaml:"paymentType,omitempty"`
	DisplayNote string `yaml:"displayNote,omitempty"`
	Note        string `yaml:"note,omitempty"`
	// Description explains a change the import made, such as a date moved into the
	// open statement period.
	Description string `yaml:"description,omitempty"`
	ProductCode string `yaml:"productCode,omitempty"`
	// Tax is the part of Amount that is tax, on a credit whose poster stated its tax
	// (postCredit, createAccountCredit); 0 splits it as its kind is split.
	Tax int `yaml:"tax,omitempty"`
}

// Debit reports whether the transaction takes from its ledger's balance: a charge or a
// repayment, where a payment or a credit adds to it.
func (t Transaction) Debit() bool {
	return t.Type == "CHARGE" || t.Type == "SUPPLY_CHARGE" || t.Type == "REPAYMENT"
}

// NextTransactionID hands out the id of a transaction added to any of the world's
// accounts, as Kraken's one sequence does: the first is one above the highest numeric
// transaction id of them all, each later one a number higher, so that no two accounts
// share an id and later ones are higher. Each call hands out a new id; a caller numbering
// several transactions calls it for each.
func (w *World) NextTransactionID() string {
	if w.lastTransaction == 0 {
		for _, a := range w.Accounts {
			if a == nil {
				continue
			}
			for _, t := range a.Transactions {
				if v, err := strconv.Atoi(t.ID); err == nil && v > w.lastTransaction {
					w.lastTransaction = v
				}
			}
		}
	}
	w.lastTransaction++
	return strconv.Itoa(w.lastTransaction)
}

// Signed is what the transaction adds to its ledger's balance.
func (t Transaction) Signed() int {
	if t.Debit() {
		return -t.Amount
	}
	return t.Amount
}

// Statement is a closed billing period of an account; the open statement period begins
// the day after the latest statement's BillPeriodTo.
type Statement struct {
	ID             string `yaml:"id,omitempty"`
	Number         string `yaml:"number,omitempty"`
	BillPeriodFrom string `yaml:"billPeriodFrom,omitempty"`
	BillPeriodTo   string `yaml:"billPeriodTo,omitempty"`
	IssuedDate     string `yaml:"issuedDate,omitempty"`
	// GrossAmount is in pence.
	GrossAmount   int    `yaml:"grossAmount,omitempty"`
	StatementPath string `yaml:"statementPath,omitempty"`
	// Historical marks a past statement imported as a document; it does not move the
	// open statement period.
	Historical bool `yaml:"historical,omitempty"`
	// ImportID is the statement_id an import supplier sent the statement with.
	ImportID string `yaml:"importId,omitempty"`
}

// Note is a note on an account (AccountNoteType).
type Note struct {
	Body          string    `yaml:"body,omitempty"`
	IsPinned      bool      `yaml:"isPinned,omitempty"`
	CreatedAt     time.Time `yaml:"createdAt,omitempty"`
	UnpinAt       time.Time `yaml:"unpinAt,omitempty"`
	DocumentPaths []string  `yaml:"documentPaths,omitempty"`
}

// AccountReference is an outside system's reference to an account (AccountReferenceType).
type AccountReference struct {
	Namespace string    `yaml:"namespace,omitempty"`
	Value     string    `yaml:"value,omitempty"`
	CreatedAt time.Time `yaml:"createdAt,omitempty"`
	UpdatedAt time.Time `yaml:"updatedAt,omitempty"`
}

// Metadata is a key and its JSON value attached to an account (Metadata).
type Metadata struct {
	Key   string `yaml:"key,omitempty"`
	Value string `yaml:"value,omitempty"`
}

// ImportSupplier is a supplier that migrates its customers into Kraken through the
// data-import endpoints, authenticating with one of its API keys.
type ImportSupplier struct {
	Code string `yaml:"code,omitempty"`
	Name string `yaml:"name,omitempty"`
	// MPID is the supplier's market participant id, as meter points' currentSupplierMpid.
	MPID    string   `yaml:"mpid,omitempty"`
	APIKeys []string `yaml:"apiKeys,omitempty"`
}

// Organization is a third party that obtains tokens with its organizationSecretKey.
type Organization struct {
	Name      string `yaml:"name,omitempty"`
	SecretKey string `yaml:"secretKey,omitempty"`
}

// Campaign is a marketing campaign an account can be added to, by slug.
type Campaign struct {
	Slug       string `yaml:"slug,omitempty"`
	Name       string `yaml:"name,omitempty"`
	StartDate  string `yaml:"startDate,omitempty"`
	ExpiryDate string `yaml:"expiryDate,omitempty"`
}

// ReferralClaimCode is a code redeemReferralClaimCode accepts once.
type ReferralClaimCode struct {
	Code string `yaml:"code,omitempty"`
	// RewardAmount is the credit, in pence, the code gives.
	RewardAmount int  `yaml:"rewardAmount,omitempty"`
	Redeemed     bool `yaml:"redeemed,omitempty"`
	// RedeemedBy is the number of the account that redeemed the code.
	RedeemedBy string `yaml:"redeemedBy,omitempty"`
	// Unavailable codes exist but cannot be redeemed (KT-CT-6727).
	Unavailable bool `yaml:"unavailable,omitempty"`
}

// GoodsQuote is a quote for goods (GoodsQuote) that acceptGoodsQuote accepts by ID.
type GoodsQuote struct {
	ID            string `yaml:"id,omitempty"`
	Code          string `yaml:"code,omitempty"`
	AccountNumber string `yaml:"accountNumber,omitempty"`
	// TotalNetAmount is in pence.
	TotalNetAmount int           `yaml:"totalNetAmount,omitempty"`
	QuotedAt       time.Time     `yaml:"quotedAt,omitempty"`
	Products       []QuotedGoods `yaml:"products,omitempty"`
	Accepted       bool          `yaml:"accepted,omitempty"`
	// SharedWith are the email addresses the quote was shared with.
	SharedWith []string `yaml:"sharedWith,omitempty"`
}

// Device is a smart device an account has: an electric vehicle, a charge point, a home
// battery, a heat pump.
type Device struct {
	// Type is the device's concrete type in the SDL (SmartFlexVehicle, SmartFlexChargePoint).
	Type  string `yaml:"type"`
	ID    string `yaml:"id,omitempty"`
	Make  string `yaml:"make,omitempty"`
	Model string `yaml:"model,omitempty"`
	// InstalledAt is the date it was fitted at the account's home (a heat pump's runs from
	// then, its lifetime's performance too); empty: when the home's supply began.
	InstalledAt string `yaml:"installedAt,omitempty"`
	// Controller is what has been set on the controller of a heat pump that Octopus's own
	// controller runs; nil: as it was fitted.
	Controller *HeatPumpController `yaml:"controller,omitempty"`
	// Provider is the integration that controls it (TESLA, OHME, ENODE…); "" for the
	// one its make and model have.
	Provider string `yaml:"provider,omitempty"`
	// Onboarding is its registration while it is being onboarded; nil for a device live
	// from the start.
	Onboarding *DeviceOnboarding `yaml:"onboarding,omitempty"`
	// Unregistered says the supplier controls it only through another of the household's
	// devices: the charger a car registered through its maker's integration charges
	// through. No device list names it; the car's registration names it as its charger,
	// and the car charges at its power.
	Unregistered bool `yaml:"unregistered,omitempty"`
}

// DeviceOnboarding is a device's registration for smart control: when it was
// registered and when its test charge began (zero before one).
type DeviceOnboarding struct {
	RegisteredAt time.Time `yaml:"registeredAt"`
	TestChargeAt time.Time `yaml:"testChargeAt,omitempty"`
}

// TestChargeLength is how long a car's test charge takes before it is live.
const TestChargeLength = 15 * time.Minute

// Life is the lifecycle status and state of a device at now while it is being
// onboarded: ONBOARDING once registered, ONBOARDING_TEST_IN_PROGRESS for the
// TestChargeLength of its test charge, live after it ("", "").
func (d Device) Life(now time.Time) (life, state string) {
	o := d.Onboarding
	switch {
	case o == nil:
		return "", ""
	case o.TestChargeAt.IsZero():
		return "ONBOARDING", "AUTHENTICATION_COMPLETE"
	case now.Before(o.TestChargeAt.Add(TestChargeLength)):
		return "ONBOARDING_TEST_IN_PROGRESS", "TEST_CHARGE_IN_PROGRESS"
	}
	return "", ""
}

// HeatPumpController is what has been set on a heat pump's controller: its zones' modes,
// its hot water's setpoint, its flow temperature and its sensors' names (each zero or
// empty: as fitted).
type HeatPumpController struct {
	Zones []ZoneMode `yaml:"zones,omitempty"`
	// WasOff are the spans a zone was set off that have ended, the latest
	// MaxZoneOffs of them, which the meter's half hours keep.
	WasOff []ZoneOff `yaml:"wasOff,omitempty"`
	// WaterSetpoint is the hot water's temperature in °C (40–60).
	WaterSetpoint float64 `yaml:"waterSetpoint,omitempty"`
	// FixedFlow is whether weather compensation is off, the flow then at FlowTemperature.
	FixedFlow       bool    `yaml:"fixedFlow,omitempty"`
	FlowTemperature float64 `yaml:"flowTemperature,omitempty"`
	// FlowMin and FlowMax are weather compensation's range of flow temperatures in °C.
	FlowMin     float64      `yaml:"flowMin,omitempty"`
	FlowMax     float64      `yaml:"flowMax,omitempty"`
	SensorNames []SensorName `yaml:"sensorNames,omitempty"`
	// Schedules are the zones whose schedules were set (WATER, ZONE_1), each zone's
	// replacing its fitted ones.
	Schedules []ZoneSchedule `yaml:"schedules,omitempty"`
	// CommandedAt is when the controller was last sent a command, which its zones'
	// telemetry read since was retrieved after.
	CommandedAt time.Time `yaml:"commandedAt,omitempty"`
}

// ZoneSchedule is a zone's schedules as set on its controller.
type ZoneSchedule struct {
	Zone      string     `yaml:"zone"`
	Schedules []Schedule `yaml:"schedules"`
}

// Schedule is the settings of the days of the week a schedule holds (Days: a mask from
// Sunday to Saturday, 1011000 for Sunday, Tuesday and Wednesday).
type Schedule struct {
	Days     string            `yaml:"days"`
	Settings []ScheduleSetting `yaml:"settings"`
}

// Problem is the first thing wrong with a zone's schedules, as the path below them and
// what is wrong ("" for none): a zone that takes none, a day mask that is not seven 0s
// and 1s, a day in two schedules, a schedule without settings or with more than
// MaxScheduleSettings, a time not HH:MM, an action not ON or OFF, a setpoint outside
// 7–30 °C (40–60 for the water).
func (z ZoneSchedule) Problem() (path, msg string) {
	lo, hi := 7.0, 30.0
	switch z.Zone {
	case "ZONE_1":
	case "WATER":
		lo, hi = 40, 60
	default:
		return "zone", fmt.Sprintf("zone %q takes no schedule; give WATER or ZONE_1", z.Zone)
	}
	if len(z.Schedules) == 0 {
		return "schedules", "give at least one schedule"
	}
	var seen [7]bool
	for i, sc := range z.Schedules {
		at := fmt.Sprintf("schedules.%d", i)
		if len(sc.Days) != 7 || strings.Trim(sc.Days, "01") != "" || !strings.Contains(sc.Days, "1") {
			return at + ".days", fmt.Sprintf("days %q must be seven 0s and 1s from Sunday to Saturday, at least one 1", sc.Days)
		}
		for d := range 7 {
			if sc.Days[d] == '1' {
				if seen[d] {
					return at + ".days", "a day of the week is in two schedules"
				}
				seen[d] = true
			}
		}
		if len(sc.Settings) == 0 || len(sc.Settings) > MaxScheduleSettings {
			return at + ".settings", fmt.Sprintf("give 1 to %d settings", MaxScheduleSettings)
		}
		for j, st := range sc.Settings {
			sp := fmt.Sprintf("%s.settings.%d", at, j)
			if _, ok := ClockOf(st.Time); !ok {
				return sp + ".time", fmt.Sprintf("time %q must be HH:MM", st.Time)
			}
			if st.Action != "ON" && st.Action != "OFF" {
				return sp + ".action", fmt.Sprintf("action %q must be ON or OFF", st.Action)
			}
			if st.Setpoint != 0 && (st.Setpoint < lo || st.Setpoint > hi) {
				return sp + ".setpointInCelsius", fmt.Sprintf("the setpoint must be from %g to %g °C", lo, hi)
			}
		}
	}
	return "", ""
}

// MaxScheduleSettings bounds the settings of a schedule.
const MaxScheduleSettings = 12

// ClockOf is a time of day given as HH:MM (or HH:MM:SS), from midnight; false for none.
func ClockOf(s string) (time.Duration, bool) {
	for _, layout := range []string{"15:04", "15:04:05"} {
		if t, err := time.Parse(layout, s); err == nil {
			return time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute + time.Duration(t.Second())*time.Second, true
		}
	}
	return 0, false
}

// ScheduleSetting is what a schedule does at a time of day (HH:MM): turns its zone ON,
// at a setpoint in °C (0: its own), or OFF.
type ScheduleSetting struct {
	Time     string  `yaml:"time"`
	Action   string  `yaml:"action"`
	Setpoint float64 `yaml:"setpoint,omitempty"`
}

// ZoneMode is a zone's mode set on a controller (ON, OFF or BOOST; AUTO follows its
// schedule) at Since (zero: since the heat pump was fitted), at a setpoint in °C (0: the
// zone's own), until EndAt (a boost's end).
type ZoneMode struct {
	Zone     string    `yaml:"zone"`
	Mode     string    `yaml:"mode"`
	Since    time.Time `yaml:"since,omitempty"`
	Setpoint float64   `yaml:"setpoint,omitempty"`
	EndAt    time.Time `yaml:"endAt,omitempty"`
}

// ZoneOff is a span a zone was set off, from From to To.
type ZoneOff struct {
	Zone string    `yaml:"zone"`
	From time.Time `yaml:"from"`
	To   time.Time `yaml:"to"`
}

// SmartMeterData is how often an account's smart meters are read for its supplier and
// whether their readings may be analysed: half-hourly, with consent, when the account
// holder has chosen nothing.
type SmartMeterData struct {
	// ReadingFrequency is HALF_HOURLY, DAILY or MONTHLY ("": HALF_HOURLY), chosen at Since.
	ReadingFrequency string    `yaml:"readingFrequency,omitempty"`
	Since            time.Time `yaml:"since,omitempty"`
	// NoAnalysis is whether the consent to analyse the readings was withdrawn, at
	// ConsentUpdatedAt (zero: when the meter was fitted).
	NoAnalysis       bool      `yaml:"noAnalysis,omitempty"`
	ConsentUpdatedAt time.Time `yaml:"consentUpdatedAt,omitempty"`
	// Coarse are the ended spans its meters were read less often than half-hourly, the
	// latest MaxCoarseSpans of them, whose half hours were not collected.
	Coarse []CoarseSpan `yaml:"coarse,omitempty"`
}

// CoarseSpan is a span a household's smart meters were read only daily or monthly.
type CoarseSpan struct {
	From             time.Time `yaml:"from"`
	To               time.Time `yaml:"to"`
	ReadingFrequency string    `yaml:"readingFrequency"`
}

// ReadingFrequencies are how often a smart meter may be read for its supplier.
var ReadingFrequencies = []string{"HALF_HOURLY", "DAILY", "MONTHLY"}

// MaxCoarseSpans bounds the ended spans an account keeps of reads less often than
// half-hourly.
const MaxCoarseSpans = 24

// Frequency is the reading frequency chosen (HALF_HOURLY when none was).
func (d SmartMeterData) Frequency() string {
	if d.ReadingFrequency == "" {
		return "HALF_HOURLY"
	}
	return d.ReadingFrequency
}

// MaxZoneOffs bounds the ended spans a controller keeps of zones set off.
const MaxZoneOffs = 50

// SensorName is the name a sensor of a controller was given.
type SensorName struct {
	Code string `yaml:"code"`
	Name string `yaml:"name"`
}

// clone is a copy of the controller that shares nothing with it; nil for nil.
func (h *HeatPumpController) clone() *HeatPumpController {
	if h == nil {
		return nil
	}
	c := *h
	c.Zones = cloneSlice(h.Zones)
	c.WasOff = cloneSlice(h.WasOff)
	c.SensorNames = cloneSlice(h.SensorNames)
	c.Schedules = cloneSlice(h.Schedules)
	for i := range c.Schedules {
		c.Schedules[i].Schedules = cloneSlice(c.Schedules[i].Schedules)
		for j := range c.Schedules[i].Schedules {
			c.Schedules[i].Schedules[j].Settings = cloneSlice(c.Schedules[i].Schedules[j].Settings)
		}
	}
	return &c
}

// OwnController reports whether the supplier's own controller runs the device (an
// Octopus Cosy heat pump, read by its EUID), rather than KrakenFlex, whose device lists
// (and their providers) hold no such device.
func (d Device) OwnController() bool {
	return strings.Contains(d.Type, "HeatPump") && (strings.EqualFold(d.Make, "Octopus Energy") || strings.HasPrefix(d.Model, "Cosy"))
}

// GoodsPurchase is a purchase of goods on an account, from a quote or directly.
type GoodsPurchase struct {
	ID           string          `yaml:"id,omitempty"`
	Code         string          `yaml:"code,omitempty"`
	LedgerNumber string          `yaml:"ledgerNumber,omitempty"`
	QuoteID      string          `yaml:"quoteId,omitempty"`
	Items        []GoodsSaleItem `yaml:"items,omitempty"`
	ClientParams string          `yaml:"clientParams,omitempty"`
	MarketParams string          `yaml:"marketParams,omitempty"`
	// Inactive purchases can no longer be changed.
	Inactive bool `yaml:"inactive,omitempty"`
	// ChargeID is the transaction that charged the purchase to its ledger.
	ChargeID string `yaml:"chargeId,omitempty"`
}

// GoodsSaleItem is one product line of a goods purchase.
type GoodsSaleItem struct {
	ProductCode   string `yaml:"productCode,omitempty"`
	NumberOfUnits int    `yaml:"numberOfUnits,omitempty"`
	// PricePerUnit is in pence.
	PricePerUnit int `yaml:"pricePerUnit,omitempty"`
}

// QuotedGoods is one product line of a goods quote.
type QuotedGoods struct {
	ProductID     string `yaml:"productId,omitempty"`
	Code          string `yaml:"code,omitempty"`
	NumberOfUnits int    `yaml:"numberOfUnits,omitempty"`
	// PricePerUnit is in pence.
	PricePerUnit int `yaml:"pricePerUnit,omitempty"`
}

// Append adds every entry of other to w; the entries are shared, not copied.
func (w *World) Append(other *World) {
	w.Users = append(w.Users, other.Users...)
	w.Accounts = append(w.Accounts, other.Accounts...)
	w.ImportSuppliers = append(w.ImportSuppliers, other.ImportSuppliers...)
	w.Organizations = append(w.Organizations, other.Organizations...)
	w.Campaigns = append(w.Campaigns, other.Campaigns...)
	w.ReferralClaimCodes = append(w.ReferralClaimCodes, other.ReferralClaimCodes...)
	w.RewardSchemes = append(w.RewardSchemes, other.RewardSchemes...)
	w.GoodsQuotes = append(w.GoodsQuotes, other.GoodsQuotes...)
	w.Fans = append(w.Fans, other.Fans...)
}

// Clone returns a deep copy of w: changing the copy, or anything it holds, leaves w as
// it was.
func (w *World) Clone() *World {
	if w == nil {
		return nil
	}
	return &World{
		Users:              cloneEach(w.Users, (*User).clone),
		Accounts:           cloneEach(w.Accounts, (*Account).clone),
		ImportSuppliers:    cloneEach(w.ImportSuppliers, (*ImportSupplier).clone),
		Organizations:      cloneEach(w.Organizations, nil),
		Campaigns:          cloneEach(w.Campaigns, nil),
		ReferralClaimCodes: cloneEach(w.ReferralClaimCodes, nil),
		RewardSchemes:      cloneEach(w.RewardSchemes, nil),
		GoodsQuotes:        cloneEach(w.GoodsQuotes, (*GoodsQuote).clone),
		Fans:               cloneEach(w.Fans, func(f *Fan) { f.Catchments = slices.Clone(f.Catchments) }),
	}
}

// cloneEach copies a list of pointers into one new backing array, applying deep (when
// not nil) to each copy's own slices. A nil element stays nil.
func cloneEach[T any](in []*T, deep func(*T)) []*T {
	if in == nil {
		return nil
	}
	backing := make([]T, len(in))
	out := make([]*T, len(in))
	for i, p := range in {
		if p == nil {
			continue
		}
		backing[i] = *p
		if deep != nil {
			deep(&backing[i])
		}
		out[i] = &backing[i]
	}
	return out
}

// cloneSlice copies s, keeping nil as nil.
func cloneSlice[T any](s []T) []T {
	if s == nil {
		return nil
	}
	return append(make([]T, 0, len(s)), s...)
}

func (u *User) clone() {
	u.PreSignedKeys = cloneSlice(u.PreSignedKeys)
	u.ScopedKeys = cloneSlice(u.ScopedKeys)
	u.PSRRecords = cloneSlice(u.PSRRecords)
	if u.FamilyIssues != nil {
		f := *u.FamilyIssues
		u.FamilyIssues = &f
	}
	u.MFADevices = cloneSlice(u.MFADevices)
	u.PushBindings = cloneSlice(u.PushBindings)
	if u.PasswordReset != nil {
		r := *u.PasswordReset
		u.PasswordReset = &r
	}
	if u.EmailVerification != nil {
		v := *u.EmailVerification
		u.EmailVerification = &v
	}
	u.Consents = cloneSlice(u.Consents)
	u.AccountNumbers = cloneSlice(u.AccountNumbers)
	u.PortfolioRoles = cloneSlice(u.PortfolioRoles)
	u.LoyaltyPointEntries = cloneSlice(u.LoyaltyPointEntries)
	u.DepositAmounts = cloneSlice(u.DepositAmounts)
	u.PropertyQuotes = cloneQuotes(u.PropertyQuotes)
	u.LoyaltyCards = cloneSlice(u.LoyaltyCards)
	u.Metadata = cloneSlice(u.Metadata)
	u.Concessions = cloneSlice(u.Concessions)
	for i := range u.Concessions {
		u.Concessions[i].Validations = cloneSlice(u.Concessions[i].Validations)
		u.Concessions[i].Retyped = cloneSlice(u.Concessions[i].Retyped)
	}
}

func (a *Account) clone() {
	a.BillingAddress.Lines = cloneSlice(a.BillingAddress.Lines)
	a.Consents = cloneSlice(a.Consents)
	a.Properties = cloneSlice(a.Properties)
	for i := range a.Properties {
		a.Properties[i].clone()
	}
	a.Ledgers = cloneSlice(a.Ledgers)
	a.PaymentSchedules = cloneSlice(a.PaymentSchedules)
	a.PaymentInstructions = cloneSlice(a.PaymentInstructions)
	a.PaymentPreferences = cloneSlice(a.PaymentPreferences)
	a.StoredBankDetails = cloneSlice(a.StoredBankDetails)
	a.HardshipAgreements = cloneSlice(a.HardshipAgreements)
	a.Reminders = cloneSlice(a.Reminders)
	a.Appointments = cloneSlice(a.Appointments)
	a.CentrepayDeductions = cloneSlice(a.CentrepayDeductions)
	a.Complaints = cloneSlice(a.Complaints)
	a.CustomerAssets = cloneSlice(a.CustomerAssets)
	a.Deposits = cloneSlice(a.Deposits)
	a.ProductEnrolments = cloneSlice(a.ProductEnrolments)
	a.LifeSupport = cloneSlice(a.LifeSupport)
	a.Payments = cloneSlice(a.Payments)
	a.Transactions = cloneSlice(a.Transactions)
	a.Statements = cloneSlice(a.Statements)
	a.Notes = cloneSlice(a.Notes)
	for i := range a.Notes {
		a.Notes[i].DocumentPaths = cloneSlice(a.Notes[i].DocumentPaths)
	}
	a.References = cloneSlice(a.References)
	a.Metadata = cloneSlice(a.Metadata)
	a.Campaigns = cloneSlice(a.Campaigns)
	a.GoodsPurchases = cloneSlice(a.GoodsPurchases)
	for i := range a.GoodsPurchases {
		a.GoodsPurchases[i].Items = cloneSlice(a.GoodsPurchases[i].Items)
	}
	a.Devices = cloneSlice(a.Devices)
	for i := range a.Devices {
		a.Devices[i].Controller = a.Devices[i].Controller.clone()
		if o := a.Devices[i].Onboarding; o != nil {
			c := *o
			a.Devices[i].Onboarding = &c
		}
	}
	a.WheelSpins = cloneSlice(a.WheelSpins)
	if a.JoinProcess != nil {
		jp := *a.JoinProcess
		a.JoinProcess = &jp
	}
	a.SchemeRewards = cloneSlice(a.SchemeRewards)
	a.SmartFlexWizards = cloneSlice(a.SmartFlexWizards)
	if a.FanClub != nil {
		fc := *a.FanClub
		a.FanClub = &fc
	}
	if a.Company != nil {
		co := *a.Company
		a.Company = &co
	}
	a.PrepayMeters = cloneSlice(a.PrepayMeters)
	for i := range a.PrepayMeters {
		a.PrepayMeters[i].TopUps = cloneSlice(a.PrepayMeters[i].TopUps)
		a.PrepayMeters[i].AutoTopUps = cloneSlice(a.PrepayMeters[i].AutoTopUps)
	}
	if a.Sale != nil {
		sale := *a.Sale
		sale.SupplyPoints = slices.Clone(sale.SupplyPoints)
		a.Sale = &sale
	}
	a.LeaveProcesses = cloneSlice(a.LeaveProcesses)
	if a.SavingSessions != nil {
		ss := *a.SavingSessions
		ss.Events = cloneSlice(ss.Events)
		a.SavingSessions = &ss
	}
	a.WarmHomeDiscountApplications = cloneSlice(a.WarmHomeDiscountApplications)
	a.FileAttachments = cloneSlice(a.FileAttachments)
	a.PaymentPlans = cloneSlice(a.PaymentPlans)
	a.Vouchers = cloneSlice(a.Vouchers)
	a.CreditTransfers = cloneSlice(a.CreditTransfers)
	a.RepaymentRequests = cloneSlice(a.RepaymentRequests)
	a.ContributionAgreements = cloneSlice(a.ContributionAgreements)
	a.OctoplusRewards = cloneSlice(a.OctoplusRewards)
	a.Feedback = cloneSlice(a.Feedback)
	a.CommsHistory = cloneSlice(a.CommsHistory)
	for i := range a.CommsHistory {
		a.CommsHistory[i].Emails = cloneSlice(a.CommsHistory[i].Emails)
	}
	a.FormSubmissions = cloneSlice(a.FormSubmissions)
	a.SmartMeterData.Coarse = cloneSlice(a.SmartMeterData.Coarse)
	for i := range a.PaymentPlans {
		a.PaymentPlans[i].Payments = cloneSlice(a.PaymentPlans[i].Payments)
	}
	a.EnergyQuotes = cloneQuotes(a.EnergyQuotes)
}

// cloneQuotes copies quotes, down to their products' meter points.
func cloneQuotes(quotes []EnergyQuote) []EnergyQuote {
	quotes = cloneSlice(quotes)
	for i := range quotes {
		q := &quotes[i]
		q.Products = cloneSlice(q.Products)
		for j := range q.Products {
			q.Products[j].MeterPoints = cloneSlice(q.Products[j].MeterPoints)
		}
	}
	return quotes
}

func (p *Property) clone() {
	p.Address.Lines = cloneSlice(p.Address.Lines)
	p.ElectricityMeterPoints = cloneSlice(p.ElectricityMeterPoints)
	for i := range p.ElectricityMeterPoints {
		mp := &p.ElectricityMeterPoints[i]
		mp.Agreements = cloneSlice(mp.Agreements)
		if mp.Access != nil {
			access := *mp.Access
			access.Hazards = cloneSlice(access.Hazards)
			mp.Access = &access
		}
		mp.Meters = cloneSlice(mp.Meters)
		for j := range mp.Meters {
			mp.Meters[j].Readings = cloneSlice(mp.Meters[j].Readings)
		}
	}
	p.GasMeterPoints = cloneSlice(p.GasMeterPoints)
	for i := range p.GasMeterPoints {
		mp := &p.GasMeterPoints[i]
		mp.Agreements = cloneSlice(mp.Agreements)
		mp.Meters = cloneSlice(mp.Meters)
		for j := range mp.Meters {
			mp.Meters[j].Readings = cloneSlice(mp.Meters[j].Readings)
		}
	}
	p.WaterMeterPoints = cloneSlice(p.WaterMeterPoints)
	p.ServiceOrders = cloneSlice(p.ServiceOrders)
	for i := range p.WaterMeterPoints {
		p.WaterMeterPoints[i].Meters = cloneSlice(p.WaterMeterPoints[i].Meters)
	}
}

func (s *ImportSupplier) clone() { s.APIKeys = cloneSlice(s.APIKeys) }

func (q *GoodsQuote) clone() {
	q.Products = cloneSlice(q.Products)
	q.SharedWith = cloneSlice(q.SharedWith)
}

// User returns the user with the given id, or nil.
func (w *World) User(id string) *User {
	for _, u := range w.Users {
		if u != nil && u.ID == id {
			return u
		}
	}
	return nil
}

// UserByEmail returns the user whose email is email, ignoring case, or nil.
func (w *World) UserByEmail(email string) *User {
	for _, u := range w.Users {
		if u != nil && strings.EqualFold(u.Email, email) {
			return u
		}
	}
	return nil
}

// UserByAPIKey returns the user whose liveSecretKey is key, or nil.
func (w *World) UserByAPIKey(key string) *User {
	if key == "" {
		return nil
	}
	for _, u := range w.Users {
		if u != nil && u.APIKey == key {
			return u
		}
	}
	return nil
}

// UserByPreSignedKey returns the user holding the pre-signed key, or nil.
func (w *World) UserByPreSignedKey(key string) *User {
	if key == "" {
		return nil
	}
	for _, u := range w.Users {
		if u != nil && slices.Contains(u.PreSignedKeys, key) {
			return u
		}
	}
	return nil
}

// Account returns the account numbered number, or nil.
func (w *World) Account(number string) *Account {
	for _, a := range w.Accounts {
		if a != nil && a.Number == number {
			return a
		}
	}
	return nil
}

// AccountByExternal returns the account that supplier (an import supplier's code) knows
// as external, or nil.
func (w *World) AccountByExternal(supplier, external string) *Account {
	for _, a := range w.Accounts {
		if a != nil && a.ImportSupplier == supplier && a.ExternalAccountNumber == external {
			return a
		}
	}
	return nil
}

// AccountUsers returns the users who may act on the account numbered number.
func (w *World) AccountUsers(number string) []*User {
	var out []*User
	for _, u := range w.Users {
		if u != nil && u.CanAccess(number) {
			out = append(out, u)
		}
	}
	return out
}

// CanAccess reports whether the user may act on the account numbered number.
func (u *User) CanAccess(number string) bool {
	return u != nil && slices.Contains(u.AccountNumbers, number)
}

// Property returns the property with the given id and the account it belongs to, or
// nils.
func (w *World) Property(id string) (*Account, *Property) {
	for _, a := range w.Accounts {
		if a == nil {
			continue
		}
		for i := range a.Properties {
			if a.Properties[i].ID == id {
				return a, &a.Properties[i]
			}
		}
	}
	return nil, nil
}

// SmartDevice returns the device registered for smart control with the given id and
// the account that has it, or nils; a device no list names (Unregistered) is none.
func (w *World) SmartDevice(id string) (*Account, *Device) {
	for _, a := range w.Accounts {
		if a == nil {
			continue
		}
		for i := range a.Devices {
			if d := &a.Devices[i]; d.ID == id && !d.Unregistered && !d.OwnController() {
				return a, d
			}
		}
	}
	return nil, nil
}

// declaresDevices reports whether an account declares a device of one of types.
func (w *World) declaresDevices(types []string) bool {
	for _, a := range w.Accounts {
		if a == nil {
			continue
		}
		for _, d := range a.Devices {
			if slices.Contains(types, d.Type) {
				return true
			}
		}
	}
	return false
}

// ElectricityMeterPoint returns the meter point with the given MPAN or NMI and its
// account, or nils: of a supply whose home has changed hands, its occupier's (the
// account whose home has no move-out day), else the first account's that held it.
func (w *World) ElectricityMeterPoint(mpan string) (*Account, *ElectricityMeterPoint) {
	return occupiedPoint(w, mpan, func(p *Property) []ElectricityMeterPoint { return p.ElectricityMeterPoints })
}

// GasMeterPoint returns the meter point with the given MPRN or MIRN and its account, or
// nils, its occupier's as ElectricityMeterPoint's.
func (w *World) GasMeterPoint(mprn string) (*Account, *GasMeterPoint) {
	return occupiedPoint(w, mprn, func(p *Property) []GasMeterPoint { return p.GasMeterPoints })
}

// occupiedPoint finds the meter point of a fuel (the list points picks from a property)
// whose identifier is id, as ElectricityMeterPoint does.
func occupiedPoint[T any, P interface {
	*T
	Identifier() string
}](w *World, id string, points func(*Property) []T) (*Account, *T) {
	var firstA *Account
	var firstMP *T
	for _, a := range w.Accounts {
		if a == nil {
			continue
		}
		for i := range a.Properties {
			p := &a.Properties[i]
			list := points(p)
			for j := range list {
				if mp := &list[j]; P(mp).Identifier() == id {
					if p.OccupiedTo == "" {
						return a, mp
					}
					if firstA == nil {
						firstA, firstMP = a, mp
					}
				}
			}
		}
	}
	return firstA, firstMP
}

// Brand is the brand the tenant supplies under: its first account's that has one ("" for
// none).
func (w *World) Brand() string {
	for _, a := range w.Accounts {
		if a != nil && a.Brand != "" {
			return a.Brand
		}
	}
	return ""
}

// OpenPeriodStart is the first day of the account's open statement period, YYYY-MM-DD:
// the day after its latest statement that is not historical; "" when it has none.
func (a *Account) OpenPeriodStart() string {
	latest := ""
	for _, s := range a.Statements {
		if !s.Historical && s.BillPeriodTo > latest {
			latest = s.BillPeriodTo
		}
	}
	d, err := time.Parse(time.DateOnly, latest)
	if err != nil {
		return ""
	}
	return d.AddDate(0, 0, 1).Format(time.DateOnly)
}

// Ledger returns the account's ledger numbered number, or nil.
func (a *Account) Ledger(number string) *Ledger {
	for i := range a.Ledgers {
		if a.Ledgers[i].Number == number {
			return &a.Ledgers[i]
		}
	}
	return nil
}

// PaymentSchedule returns the account's payment schedule with the given id, or nil.
func (a *Account) PaymentSchedule(id string) *PaymentSchedule {
	for i := range a.PaymentSchedules {
		if a.PaymentSchedules[i].ID == id {
			return &a.PaymentSchedules[i]
		}
	}
	return nil
}

// ImportSupplier returns the import supplier with the given code, or nil.
func (w *World) ImportSupplier(code string) *ImportSupplier {
	for _, s := range w.ImportSuppliers {
		if s != nil && s.Code == code {
			return s
		}
	}
	return nil
}

// ImportSupplierByAPIKey returns the import supplier that key authenticates, or nil.
func (w *World) ImportSupplierByAPIKey(key string) *ImportSupplier {
	if key == "" {
		return nil
	}
	for _, s := range w.ImportSuppliers {
		if s != nil && slices.Contains(s.APIKeys, key) {
			return s
		}
	}
	return nil
}

// OrganizationBySecretKey returns the organisation whose secret key is key, or nil.
func (w *World) OrganizationBySecretKey(key string) *Organization {
	if key == "" {
		return nil
	}
	for _, o := range w.Organizations {
		if o != nil && o.SecretKey == key {
			return o
		}
	}
	return nil
}

// Campaign returns the campaign with the given slug, or nil.
func (w *World) Campaign(slug string) *Campaign {
	for _, c := range w.Campaigns {
		if c != nil && c.Slug == slug {
			return c
		}
	}
	return nil
}

// ReferralClaimCode returns the claim code equal to code, ignoring case, or nil.
func (w *World) ReferralClaimCode(code string) *ReferralClaimCode {
	for _, c := range w.ReferralClaimCodes {
		if c != nil && strings.EqualFold(c.Code, code) {
			return c
		}
	}
	return nil
}

// GoodsQuote returns the goods quote with the given id, or nil.
func (w *World) GoodsQuote(id string) *GoodsQuote {
	for _, q := range w.GoodsQuotes {
		if q != nil && q.ID == id {
			return q
		}
	}
	return nil
}

// Problem is one inconsistency Validate found in a World.
type Problem struct {
	// Path locates the offending value with the YAML names, as in
	// "accounts[0].properties[1].electricityMeterPoints[0].mpan".
	Path string
	// Message says what is wrong, naming the value.
	Message string
	// Other, when not empty, is the path of the value this one clashes with.
	Other string
}

// String formats the problem as "path: message".
func (p Problem) String() string {
	s := p.Path + ": " + p.Message
	if p.Other != "" {
		s += " (first at " + p.Other + ")"
	}
	return s
}

// ValidationError lists every problem Validate found, in the order of the world.
type ValidationError struct {
	Problems []Problem
}

// Error formats the problems one to a line.
func (e *ValidationError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

var (
	accountNumberRe = lazyre.New(`^A-[0-9A-F]{8}$`)
	digitsRe        = lazyre.New(`^[0-9]+$`)
	postcodeRe      = lazyre.New(`^(?i)[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$`)
	upperSnakeRe    = lazyre.New(`^[A-Z][A-Z0-9_]*$`)
	typeNameRe      = lazyre.New(`^[A-Z][A-Za-z0-9_]*$`)
)

// IsUKPostcode reports whether s has the shape of a UK postcode, in either case and
// with or without its space ("SW1A 1AA").
func IsUKPostcode(s string) bool { return postcodeRe().MatchString(s) }

// IsDigits reports whether s is one or more ASCII digits.
func IsDigits(s string) bool { return digitsRe().MatchString(s) }

// IsUpperSnake reports whether s is a code such as TENTACLE_ENERGY: a capital letter,
// then capitals, digits and underscores.
func IsUpperSnake(s string) bool { return upperSnakeRe().MatchString(s) }

// Values the SDL's enums allow, for the fields Validate checks.
var (
	accountStatuses      = []string{"PENDING", "INCOMPLETE", "WITHDRAWN", "ACTIVE", "ENROLMENT_ERROR", "ENROLMENT_REJECTED", "DORMANT", "VOID"}
	accountTypes         = []string{"BUSINESS", "DOMESTIC", "BUSINESS_OCCUPIER", "OCCUPIER", "MANAGED", "PORTFOLIO_LEAD", "BUSINESS_VACANT", "VACANT"}
	commsDelivery        = []string{"EMAIL", "POSTAL_MAIL"}
	emailFormats         = []string{"TEXT", "HTML"}
	consentValues        = []string{"ACCEPTED", "REJECTED", "UNKNOWN", "PENDING"}
	paymentFrequencies   = []string{"Weekly", "Monthly", "Planned"}
	scheduleReasons      = []string{"GENERAL_ACCOUNT_PAYMENT", "SSD_PAYMENT", "FINAL_PAYMENT", "DEBT_REPAYMENT_PLAN"}
	scheduleTypes        = []string{"BACS_TRANSFER", "CARD_PAYMENT", "DIRECT_DEBIT", "PAYMENT_SLIP"}
	instructionTypes     = []string{"BPAY", "CARD", "CUSTOM", "DIRECT_DEBIT", "GMO_REFUND", "PAYMENT_SLIP"}
	paymentStatuses      = []string{"SCHEDULED", "PENDING", "CLEARED", "FAILED", "PROMISED", "FULFILLED", "PROMISE_BROKEN", "HISTORIC", "THIRD_PARTY", "REQUESTED", "DELETED"}
	transactionTypes     = []string{"CHARGE", "CREDIT", "PAYMENT", "REPAYMENT", "SUPPLY_CHARGE"}
	maxAddressLines      = 5
	mpanCheckDigitPrimes = [12]int{3, 5, 7, 13, 17, 19, 23, 29, 31, 37, 41, 43}
)

// IsNMI reports whether s is a National Metering Identifier: ten digits or capital
// letters, without I or O (AEMO's NMI allocation rules).
func IsNMI(s string) bool {
	if len(s) != 10 {
		return false
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' && r != 'I' && r != 'O') {
			return false
		}
	}
	return true
}

// MPANCheckDigit returns the check digit of an MPAN core's first twelve digits.
func MPANCheckDigit(first12 string) (byte, bool) {
	if len(first12) != 12 || !IsDigits(first12) {
		return 0, false
	}
	sum := 0
	for i := range 12 {
		sum += int(first12[i]-'0') * mpanCheckDigitPrimes[i]
	}
	return byte('0' + sum%11%10), true
}

// Validate checks the world's references and identifiers: every number, email, key,
// MPAN and MPRN well formed and unique, and every reference (a user's accounts, a
// schedule's ledger, an account's import supplier…) pointing at something that exists.
// It returns a *ValidationError listing every problem, or nil.
func (w *World) Validate() error {
	v := newValidator(w)
	for i, a := range w.Accounts {
		if a == nil {
			v.add(index("accounts", i), "empty account")
			continue
		}
		v.account(index("accounts", i), a)
	}
	for i, u := range w.Users {
		if u == nil {
			v.add(index("users", i), "empty user")
			continue
		}
		v.user(index("users", i), u)
	}
	for i, s := range w.ImportSuppliers {
		p := index("importSuppliers", i)
		if s == nil {
			v.add(p, "empty import supplier")
			continue
		}
		if v.required(p, "code", s.Code) && !IsUpperSnake(s.Code) {
			v.add(p+".code", fmt.Sprintf("import supplier code %q must be upper case letters, digits and underscores, like TENTACLE_ENERGY", s.Code))
		}
		v.unique(p+".code", "import supplier", s.Code)
		for j, k := range s.APIKeys {
			kp := index(p+".apiKeys", j)
			if k == "" {
				v.add(kp, "empty API key")
				continue
			}
			v.unique(kp, "import supplier API key", k)
		}
	}
	for i, o := range w.Organizations {
		p := index("organizations", i)
		if o == nil {
			v.add(p, "empty organization")
			continue
		}
		v.required(p, "name", o.Name)
		if v.required(p, "secretKey", o.SecretKey) {
			v.unique(p+".secretKey", "organization secret key", o.SecretKey)
		}
	}
	for i, c := range w.Campaigns {
		p := index("campaigns", i)
		if c == nil {
			v.add(p, "empty campaign")
			continue
		}
		if v.required(p, "slug", c.Slug) {
			v.unique(p+".slug", "campaign", c.Slug)
		}
		v.date(p+".startDate", c.StartDate)
		v.date(p+".expiryDate", c.ExpiryDate)
	}
	for i, rs := range w.RewardSchemes {
		p := index("rewardSchemes", i)
		if rs == nil {
			v.add(p, "empty reward scheme")
			continue
		}
		if v.required(p, "code", rs.Code) {
			v.unique(p+".code", "reward scheme", strings.ToUpper(rs.Code))
		}
		if !slices.Contains([]string{"SIGNUP_REWARD", "PROMO_REWARD", "PARTNER_REWARD"}, rs.Type) {
			v.add(p+".type", fmt.Sprintf("reward scheme type %q must be SIGNUP_REWARD, PROMO_REWARD or PARTNER_REWARD", rs.Type))
		}
		if rs.Amount < 0 || rs.MaxUses < 0 {
			v.add(p, "a reward scheme's amount and maxUses are at least 0")
		}
	}
	for i, f := range w.Fans {
		p := index("fans", i)
		if f == nil {
			v.add(p, "empty fan")
			continue
		}
		if v.required(p, "source", f.Source) {
			v.unique(p+".source", "fan", f.Source)
		}
		v.required(p, "name", f.Name)
		if v.required(p, "product", f.Product) {
			v.unique(p+".product", "fan product", strings.ToUpper(f.Product))
			if !strings.HasPrefix(strings.ToUpper(f.Product), "FAN-") {
				v.add(p+".product", fmt.Sprintf("a fan's product code %q must begin FAN-", f.Product))
			}
		}
		if len(f.Catchments) == 0 {
			v.add(p+".catchments", "a fan needs at least one catchment (a postcode district, like NR3)")
		}
		for j, c := range f.Catchments {
			if c = strings.ToUpper(strings.TrimSpace(c)); c == "" || strings.Contains(c, " ") {
				v.add(index(p+".catchments", j), fmt.Sprintf("catchment %q must be a postcode district, like NR3", f.Catchments[j]))
			} else {
				v.unique(index(p+".catchments", j), "fan catchment", c)
			}
		}
		if f.MemberCap < 0 {
			v.add(p+".memberCap", "a fan's memberCap is at least 0")
		}
	}
	for i, a := range w.Accounts {
		if a == nil || a.FanClub == nil {
			continue
		}
		p := index("accounts", i) + ".fanClub"
		if !slices.ContainsFunc(w.Fans, func(f *Fan) bool { return f != nil && f.Source == a.FanClub.Source }) {
			v.add(p+".source", fmt.Sprintf("Fan Club source %q is no fan's", a.FanClub.Source))
		}
		v.date(p+".joinedOn", a.FanClub.JoinedOn)
	}
	for i, c := range w.ReferralClaimCodes {
		p := index("referralClaimCodes", i)
		if c == nil {
			v.add(p, "empty referral claim code")
			continue
		}
		if v.required(p, "code", c.Code) {
			v.unique(p+".code", "referral claim code", strings.ToUpper(c.Code))
		}
		v.nonNegative(p+".rewardAmount", c.RewardAmount)
	}
	for i, q := range w.GoodsQuotes {
		p := index("goodsQuotes", i)
		if q == nil {
			v.add(p, "empty goods quote")
			continue
		}
		if v.required(p, "id", q.ID) && v.numeric(p+".id", "goods quote id", q.ID) {
			v.unique(p+".id", "goods quote id", q.ID)
		}
		if q.Code != "" {
			v.unique(p+".code", "goods quote code", q.Code)
		}
		if q.AccountNumber != "" && !v.accounts[q.AccountNumber] {
			v.add(p+".accountNumber", fmt.Sprintf("unknown account %q", q.AccountNumber))
		}
		for j, g := range q.Products {
			gp := index(p+".products", j)
			v.required(gp, "productId", g.ProductID)
			v.nonNegative(gp+".numberOfUnits", g.NumberOfUnits)
		}
	}
	if len(v.problems) == 0 {
		return nil
	}
	return &ValidationError{Problems: v.problems}
}

type validator struct {
	problems []Problem
	// seen maps a kind and a value to the path where it first appeared.
	seen map[string]string
	// Indexes of the world, so that checking references stays linear in its size.
	accounts, users, campaigns, suppliers map[string]bool
	access                                map[[2]string]bool // user id, account number
}

func newValidator(w *World) *validator {
	v := &validator{
		seen: map[string]string{}, accounts: map[string]bool{}, users: map[string]bool{},
		campaigns: map[string]bool{}, suppliers: map[string]bool{}, access: map[[2]string]bool{},
	}
	for _, a := range w.Accounts {
		if a != nil {
			v.accounts[a.Number] = true
		}
	}
	for _, u := range w.Users {
		if u == nil {
			continue
		}
		v.users[u.ID] = true
		for _, n := range u.AccountNumbers {
			v.access[[2]string{u.ID, n}] = true
		}
	}
	for _, c := range w.Campaigns {
		if c != nil {
			v.campaigns[c.Slug] = true
		}
	}
	for _, s := range w.ImportSuppliers {
		if s != nil {
			v.suppliers[s.Code] = true
		}
	}
	return v
}

func index(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }

func (v *validator) add(path, msg string) {
	v.problems = append(v.problems, Problem{Path: path, Message: msg})
}

// required reports whether value is set, recording a problem at the parent when not.
func (v *validator) required(parent, field, value string) bool {
	if strings.TrimSpace(value) == "" {
		v.add(parent+"."+field, fmt.Sprintf("%q is required", field))
		return false
	}
	return true
}

// unique records a problem when another value of the same kind was already seen.
func (v *validator) unique(path, kind, value string) {
	key := kind + "\x00" + value
	if first, ok := v.seen[key]; ok {
		v.problems = append(v.problems, Problem{Path: path, Message: fmt.Sprintf("duplicate %s %q", kind, value), Other: first})
		return
	}
	v.seen[key] = path
}

func (v *validator) numeric(path, what, value string) bool {
	if !IsDigits(value) {
		v.add(path, fmt.Sprintf("%s %q must be digits only", what, value))
		return false
	}
	return true
}

func (v *validator) date(path, value string) {
	if value == "" {
		return
	}
	if _, err := time.Parse(time.DateOnly, value); err != nil {
		v.add(path, fmt.Sprintf("date %q must be YYYY-MM-DD", value))
	}
}

func (v *validator) oneOf(path, what, value string, allowed []string) {
	if value == "" || slices.Contains(allowed, value) {
		return
	}
	v.add(path, fmt.Sprintf("%s %q is not one of %s", what, value, strings.Join(allowed, ", ")))
}

func (v *validator) nonNegative(path string, n int) {
	if n < 0 {
		v.add(path, fmt.Sprintf("%d must not be negative", n))
	}
}

func (v *validator) email(path, value string) {
	if value == "" {
		return
	}
	at := strings.IndexByte(value, '@')
	if at <= 0 || at == len(value)-1 || strings.ContainsAny(value, " \t\n") {
		v.add(path, fmt.Sprintf("%q is not an email address", value))
	}
}

func (v *validator) consents(path string, cs []Consent) {
	for i, c := range cs {
		p := index(path, i)
		v.required(p, "code", c.Code)
		v.oneOf(p+".value", "consent value", c.Value, consentValues)
	}
}

// concessions checks a user's concession cards: each has a card type and a number, its
// dates are dates and it expires after it was issued, and at most one is current.
func (v *validator) concessions(path string, cs []Concession) {
	current := -1
	for i, c := range cs {
		p := index(path, i)
		if v.required(p, "id", c.ID) && v.numeric(p+".id", "concession id", c.ID) {
			v.unique(p+".id", "concession id", c.ID)
		}
		v.required(p, "cardType", c.CardType)
		v.required(p, "number", c.Number)
		for _, d := range []struct{ name, value string }{
			{"issueDate", c.IssueDate}, {"expiryDate", c.ExpiryDate}, {"from", c.From},
			{"removalDate", c.RemovalDate}, {"nextValidationDate", c.NextValidationDate},
		} {
			v.date(p+"."+d.name, d.value)
		}
		if c.IssueDate != "" && c.ExpiryDate != "" && c.ExpiryDate <= c.IssueDate {
			v.add(p+".expiryDate", fmt.Sprintf("the card expires (%s) before it was issued (%s)", c.ExpiryDate, c.IssueDate))
		}
		for j, val := range c.Validations {
			v.date(index(p+".validations", j)+".date", val.Date)
		}
		for j, r := range c.Retyped {
			v.date(index(p+".retyped", j)+".until", r.Until)
		}
		if c.RemovalDate == "" {
			if current >= 0 {
				v.add(p, fmt.Sprintf("a user holds one concession at a time; %s has not been removed", index(path, current)))
			}
			current = i
		}
	}
}

func (v *validator) address(path string, a Address, postcodeRequired bool) {
	if len(a.Lines) > maxAddressLines {
		v.add(index(path+".lines", maxAddressLines), fmt.Sprintf("an address has at most %d lines, got %d", maxAddressLines, len(a.Lines)))
	}
	if a.Postcode == "" {
		if postcodeRequired {
			v.required(path, "postcode", "")
		}
		return
	}
	if (a.CountryCode == "" || a.CountryCode == "GB") && !IsUKPostcode(a.Postcode) {
		v.add(path+".postcode", fmt.Sprintf("%q is not a UK postcode", a.Postcode))
	}
}

func (v *validator) user(p string, u *User) {
	if v.required(p, "id", u.ID) && v.numeric(p+".id", "user id", u.ID) {
		v.unique(p+".id", "user id", u.ID)
	}
	if v.required(p, "email", u.Email) {
		v.email(p+".email", u.Email)
		v.unique(p+".email", "email", strings.ToLower(u.Email))
	}
	v.date(p+".dateOfBirth", u.DateOfBirth)
	if u.APIKey != "" {
		v.unique(p+".apiKey", "API key", u.APIKey)
	}
	for i, k := range u.PreSignedKeys {
		if k == "" {
			v.add(index(p+".preSignedKeys", i), "empty pre-signed key")
			continue
		}
		v.unique(index(p+".preSignedKeys", i), "pre-signed key", k)
	}
	v.oneOf(p+".preferences.emailFormat", "email format", u.Preferences.EmailFormat, emailFormats)
	v.consents(p+".consents", u.Consents)
	v.concessions(p+".concessions", u.Concessions)
	own := map[string]bool{}
	for i, n := range u.AccountNumbers {
		ap := index(p+".accounts", i)
		switch {
		case own[n]:
			v.add(ap, fmt.Sprintf("account %q is listed twice", n))
		case !v.accounts[n]:
			v.add(ap, fmt.Sprintf("unknown account %q", n))
		}
		own[n] = true
	}
	v.nonNegative(p+".loyaltyPoints", u.LoyaltyPoints)
}

func (v *validator) account(p string, a *Account) {
	if v.required(p, "number", a.Number) {
		if !accountNumberRe().MatchString(a.Number) {
			v.add(p+".number", fmt.Sprintf("account number %q must be A- and 8 upper-case hex digits, like A-C90DC431", a.Number))
		}
		v.unique(p+".number", "account number", a.Number)
	}
	v.oneOf(p+".status", "account status", a.Status, accountStatuses)
	v.oneOf(p+".accountType", "account type", a.AccountType, accountTypes)
	v.oneOf(p+".commsDeliveryPreference", "comms delivery preference", a.CommsDeliveryPreference, commsDelivery)
	v.oneOf(p+".smets2Interest", "smart meter interest", a.SMETS2Interest, []string{"INTERESTED", "NOT_AT_THE_MOMENT", "NOT_INTERESTED"})
	v.oneOf(p+".smartMeterData.readingFrequency", "reading frequency", a.SmartMeterData.ReadingFrequency, ReadingFrequencies)
	for i, c := range a.SmartMeterData.Coarse {
		cp := index(p+".smartMeterData.coarse", i)
		if v.required(cp, "readingFrequency", c.ReadingFrequency) {
			v.oneOf(cp+".readingFrequency", "reading frequency", c.ReadingFrequency, ReadingFrequencies[1:])
		}
		if !c.To.After(c.From) {
			v.add(cp+".to", "a span's end must be after its start")
		}
	}
	v.email(p+".billingEmail", a.BillingEmail)
	v.address(p+".billingAddress", a.BillingAddress, false)
	v.consents(p+".consents", a.Consents)

	for i := range a.Properties {
		v.property(index(p+".properties", i), &a.Properties[i])
	}
	for i, ca := range a.CustomerAssets {
		cp := index(p+".customerAssets", i)
		if v.required(cp, "id", ca.ID) {
			v.unique(cp+".id", "customer asset id", ca.ID)
		}
	}
	for i, d := range a.Devices {
		dp := index(p+".devices", i)
		if v.required(dp, "type", d.Type) && !typeNameRe().MatchString(d.Type) {
			v.add(dp+".type", fmt.Sprintf("device type %q must be an SDL type name, like SmartFlexVehicle", d.Type))
		}
		if d.ID != "" {
			v.unique(dp+".id", "device id", d.ID)
		}
		v.date(dp+".installedAt", d.InstalledAt)
		if hc := d.Controller; hc != nil {
			for j, z := range hc.Zones {
				zp := index(dp+".controller.zones", j)
				v.oneOf(zp+".zone", "zone", z.Zone, []string{"WATER", "ZONE_1", "ZONE_2", "AUXILIARY"})
				v.oneOf(zp+".mode", "zone mode", z.Mode, []string{"ON", "OFF", "BOOST"})
			}
			for j, z := range hc.Schedules {
				if path, msg := z.Problem(); msg != "" {
					v.add(index(dp+".controller.schedules", j)+"."+path, msg)
				}
			}
			for j, o := range hc.WasOff {
				op := index(dp+".controller.wasOff", j)
				v.oneOf(op+".zone", "zone", o.Zone, []string{"WATER", "ZONE_1"})
				if !o.To.After(o.From) {
					v.add(op+".to", "a span a zone was off must end after it began")
				}
			}
		}
	}
	for i, l := range a.Ledgers {
		lp := index(p+".ledgers", i)
		if v.required(lp, "number", l.Number) {
			v.unique(lp+".number", "ledger number", l.Number)
		}
		if l.ID != "" && v.numeric(lp+".id", "ledger id", l.ID) {
			v.unique(lp+".id", "ledger id", l.ID)
		}
		v.required(lp, "ledgerType", l.LedgerType)
	}
	ledgers := make(map[string]bool, len(a.Ledgers))
	for _, l := range a.Ledgers {
		ledgers[l.Number] = true
	}
	ledger := func(path, number string) {
		if number != "" && !ledgers[number] {
			v.add(path, fmt.Sprintf("account %s has no ledger %q", a.Number, number))
		}
	}
	for i, s := range a.PaymentSchedules {
		sp := index(p+".paymentSchedules", i)
		if v.required(sp, "id", s.ID) && v.numeric(sp+".id", "payment schedule id", s.ID) {
			v.unique(sp+".id", "payment schedule id", s.ID)
		}
		ledger(sp+".ledgerNumber", s.LedgerNumber)
		if v.required(sp, "validFrom", s.ValidFrom) {
			v.date(sp+".validFrom", s.ValidFrom)
		}
		v.date(sp+".validTo", s.ValidTo)
		if s.ValidTo != "" && s.ValidTo < s.ValidFrom {
			v.add(sp+".validTo", fmt.Sprintf("validTo %s is before validFrom %s", s.ValidTo, s.ValidFrom))
		}
		if s.PaymentDay != 0 && (s.PaymentDay < 1 || s.PaymentDay > 28) {
			v.add(sp+".paymentDay", fmt.Sprintf("payment day %d must be between 1 and 28", s.PaymentDay))
		}
		v.nonNegative(sp+".paymentAmount", s.PaymentAmount)
		v.nonNegative(sp+".totalDebtAmount", s.TotalDebtAmount)
		v.nonNegative(sp+".paymentFrequencyMultiplier", s.PaymentFrequencyMultiplier)
		v.oneOf(sp+".paymentFrequency", "payment frequency", s.PaymentFrequency, paymentFrequencies)
		v.oneOf(sp+".reason", "payment schedule reason", s.Reason, scheduleReasons)
		v.oneOf(sp+".scheduleType", "schedule type", s.ScheduleType, scheduleTypes)
	}
	for i, in := range a.PaymentInstructions {
		ip := index(p+".paymentInstructions", i)
		if v.required(ip, "id", in.ID) && v.numeric(ip+".id", "payment instruction id", in.ID) {
			v.unique(ip+".id", "payment instruction id", in.ID)
		}
		ledger(ip+".ledgerNumber", in.LedgerNumber)
		if v.required(ip, "instructionType", in.InstructionType) {
			v.oneOf(ip+".instructionType", "instruction type", in.InstructionType, instructionTypes)
		}
		if in.CardExpiryMonth != 0 && (in.CardExpiryMonth < 1 || in.CardExpiryMonth > 12) {
			v.add(ip+".cardExpiryMonth", fmt.Sprintf("month %d must be between 1 and 12", in.CardExpiryMonth))
		}
	}
	for i, pay := range a.Payments {
		pp := index(p+".payments", i)
		if v.required(pp, "id", pay.ID) && v.numeric(pp+".id", "payment id", pay.ID) {
			v.unique(pp+".id", "payment id", pay.ID)
		}
		ledger(pp+".ledgerNumber", pay.LedgerNumber)
		if v.required(pp, "paymentDate", pay.PaymentDate) {
			v.date(pp+".paymentDate", pay.PaymentDate)
		}
		v.oneOf(pp+".status", "payment status", pay.Status, paymentStatuses)
	}
	txns := map[string]string{}
	for i, t := range a.Transactions {
		tp := index(p+".transactions", i)
		if v.required(tp, "id", t.ID) {
			if first, ok := txns[t.ID]; ok {
				v.problems = append(v.problems, Problem{Path: tp + ".id", Message: fmt.Sprintf("duplicate transaction id %q", t.ID), Other: first})
			} else {
				txns[t.ID] = tp + ".id"
			}
		}
		ledger(tp+".ledgerNumber", t.LedgerNumber)
		if v.required(tp, "date", t.Date) {
			v.date(tp+".date", t.Date)
		}
		if v.required(tp, "type", t.Type) {
			v.oneOf(tp+".type", "transaction type", t.Type, transactionTypes)
		}
	}
	stmts := map[string]string{}
	for i, s := range a.Statements {
		sp := index(p+".statements", i)
		if v.required(sp, "id", s.ID) {
			if first, ok := stmts[s.ID]; ok {
				v.problems = append(v.problems, Problem{Path: sp + ".id", Message: fmt.Sprintf("duplicate statement id %q", s.ID), Other: first})
			} else {
				stmts[s.ID] = sp + ".id"
			}
		}
		if v.required(sp, "billPeriodFrom", s.BillPeriodFrom) {
			v.date(sp+".billPeriodFrom", s.BillPeriodFrom)
		}
		if v.required(sp, "billPeriodTo", s.BillPeriodTo) {
			v.date(sp+".billPeriodTo", s.BillPeriodTo)
		}
		if s.BillPeriodFrom != "" && s.BillPeriodTo < s.BillPeriodFrom {
			v.add(sp+".billPeriodTo", fmt.Sprintf("billPeriodTo %s is before billPeriodFrom %s", s.BillPeriodTo, s.BillPeriodFrom))
		}
		v.date(sp+".issuedDate", s.IssuedDate)
	}
	for i, n := range a.Notes {
		if n.Body == "" && len(n.DocumentPaths) == 0 {
			v.add(index(p+".notes", i), "a note needs a body or documentPaths")
		}
	}
	for i, r := range a.References {
		rp := index(p+".references", i)
		v.required(rp, "namespace", r.Namespace)
		if v.required(rp, "value", r.Value) {
			v.unique(rp+".value", "account reference", r.Namespace+"/"+r.Value)
		}
	}
	for i, m := range a.Metadata {
		mp := index(p+".metadata", i)
		v.required(mp, "key", m.Key)
		if m.Value != "" && !json.Valid([]byte(m.Value)) {
			v.add(mp+".value", fmt.Sprintf("metadata value %q is not JSON", m.Value))
		}
	}
	for i, slug := range a.Campaigns {
		if !v.campaigns[slug] {
			v.add(index(p+".campaigns", i), fmt.Sprintf("unknown campaign %q", slug))
		}
	}
	if a.ReferralCode != "" {
		v.unique(p+".referralCode", "referral code", strings.ToUpper(a.ReferralCode))
	}
	if a.LoyaltyPointsUserID != "" {
		id := a.LoyaltyPointsUserID
		switch {
		case !v.users[id]:
			v.add(p+".loyaltyPointsUser", fmt.Sprintf("unknown user %q", id))
		case !v.access[[2]string{id, a.Number}]:
			v.add(p+".loyaltyPointsUser", fmt.Sprintf("user %s is not a user of account %s", id, a.Number))
		}
	}
	if ss := a.SavingSessions; ss != nil {
		sp := p + ".savingSessions"
		if _, mp := a.ElectricityMeterPoint(ss.MPAN); v.required(sp, "mpan", ss.MPAN) && mp == nil {
			v.add(sp+".mpan", fmt.Sprintf("MPAN %s is not one of account %s's", ss.MPAN, a.Number))
		}
		if len(ss.Events) > MaxSavingSessionsEvents {
			v.add(sp+".events", fmt.Sprintf("%d events joined; at most %d", len(ss.Events), MaxSavingSessionsEvents))
		}
	}
	switch {
	case a.ImportSupplier == "" && a.ExternalAccountNumber != "":
		v.add(p+".externalAccountNumber", "an externalAccountNumber needs an importSupplier")
	case a.ImportSupplier != "" && a.ExternalAccountNumber == "":
		v.add(p+".importSupplier", "an importSupplier needs an externalAccountNumber")
	case a.ImportSupplier != "":
		if !v.suppliers[a.ImportSupplier] {
			v.add(p+".importSupplier", fmt.Sprintf("unknown import supplier %q", a.ImportSupplier))
		}
		v.unique(p+".externalAccountNumber", "external account number of "+a.ImportSupplier, a.ExternalAccountNumber)
	}
}

func (v *validator) property(p string, pr *Property) {
	if v.required(p, "id", pr.ID) && v.numeric(p+".id", "property id", pr.ID) {
		v.unique(p+".id", "property id", pr.ID)
	}
	v.address(p+".address", pr.Address, true)
	v.nonNegative(p+".numberOfOccupants", pr.NumberOfOccupants)
	v.date(p+".occupiedFrom", pr.OccupiedFrom)
	v.date(p+".occupiedTo", pr.OccupiedTo)
	// One smart meter measures a home's import and its export, each on an MPAN of its
	// own: a serial number may recur on another of the property's electricity supplies.
	firstOn := map[string]int{}
	for i, mp := range pr.ElectricityMeterPoints {
		mpp := index(p+".electricityMeterPoints", i)
		if mp.ID != "" && v.numeric(mpp+".id", "meter point id", mp.ID) {
			v.unique(mpp+".id", "electricity meter point id", mp.ID)
		}
		switch {
		case mp.NMI != "" && mp.MPAN != "":
			v.add(mpp+".nmi", "give an mpan or an nmi, not both")
		case mp.NMI != "":
			if !IsNMI(mp.NMI) {
				v.add(mpp+".nmi", fmt.Sprintf("NMI %q must be 10 digits or capital letters other than I and O, like 4103445577", mp.NMI))
			}
			v.unique(mpp+".nmi", "NMI", mp.NMI)
		case v.required(mpp, "mpan", mp.MPAN):
			v.mpan(mpp+".mpan", mp.MPAN)
			v.unique(mpp+".mpan", "MPAN", mp.MPAN)
		}
		for j, m := range mp.Meters {
			on, again := firstOn[m.SerialNumber]
			if !again {
				firstOn[m.SerialNumber] = i
			}
			v.meter(index(mpp+".meters", j), m.ID, m.SerialNumber, m.ActiveFrom, again && on != i)
		}
		v.agreements(mpp+".agreements", mp.Agreements)
	}
	for i, mp := range pr.GasMeterPoints {
		mpp := index(p+".gasMeterPoints", i)
		if mp.ID != "" && v.numeric(mpp+".id", "meter point id", mp.ID) {
			v.unique(mpp+".id", "gas meter point id", mp.ID)
		}
		switch {
		case mp.MIRN != "" && mp.MPRN != "":
			v.add(mpp+".mirn", "give an mprn or a mirn, not both")
		case mp.MIRN != "":
			if !IsDigits(mp.MIRN) || len(mp.MIRN) < 10 || len(mp.MIRN) > 11 {
				v.add(mpp+".mirn", fmt.Sprintf("MIRN %q must be 10 digits, or 11 with its checksum, like 5310923708", mp.MIRN))
			}
			v.unique(mpp+".mirn", "MIRN", mp.MIRN)
		case v.required(mpp, "mprn", mp.MPRN):
			if !IsDigits(mp.MPRN) || len(mp.MPRN) < 6 || len(mp.MPRN) > 10 {
				v.add(mpp+".mprn", fmt.Sprintf("MPRN %q must be 6 to 10 digits, like 3406086401", mp.MPRN))
			}
			v.unique(mpp+".mprn", "MPRN", mp.MPRN)
		}
		for j, m := range mp.Meters {
			v.meter(index(mpp+".meters", j), m.ID, m.SerialNumber, m.ActiveFrom, false)
		}
		v.agreements(mpp+".agreements", mp.Agreements)
	}
}

func (v *validator) mpan(path, mpan string) {
	if len(mpan) != 13 || !IsDigits(mpan) {
		v.add(path, fmt.Sprintf("MPAN %q must be 13 digits, like 1013004420117", mpan))
		return
	}
	if want, _ := MPANCheckDigit(mpan[:12]); mpan[12] != want {
		v.add(path, fmt.Sprintf("MPAN %q has a wrong check digit: the last digit should be %c", mpan, want))
	}
}

// meter checks a meter; shared is whether another supply of its property named its
// serial number already (its export's MPAN, or its import's).
func (v *validator) meter(p, id, serial, activeFrom string, shared bool) {
	if id != "" && v.numeric(p+".id", "meter id", id) {
		v.unique(p+".id", "meter id", id)
	}
	if v.required(p, "serialNumber", serial) && !shared {
		v.unique(p+".serialNumber", "meter serial number", serial)
	}
	v.date(p+".activeFrom", activeFrom)
}

func (v *validator) agreements(path string, as []Agreement) {
	for i, ag := range as {
		ap := index(path, i)
		if ag.ID != "" && v.numeric(ap+".id", "agreement id", ag.ID) {
			v.unique(ap+".id", "agreement id", ag.ID)
		}
		v.required(ap, "tariffCode", ag.TariffCode)
		v.date(ap+".validFrom", ag.ValidFrom)
		v.date(ap+".validTo", ag.ValidTo)
	}
}
