// Package accounts answers Kraken's account queries and mutations from session state:
// the viewer, accounts and everything that hangs off them, and the mutations a frontend
// checks afterwards (user details, consents, billing address and email, payment
// schedules and instructions, meter readings, loyalty points, referrals, goods quotes
// and purchases, references and metadata). Each mutation changes the session's world,
// so the next query shows the change; domain rules fail with the codes Kraken documents.
package accounts

import (
	"encoding/json"
	"fmt"
	"iter"
	"math"
	"net/mail"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/krakensim/krakensim/sim"
	"github.com/krakensim/krakensim/sim/graphql"
)

// Resolvers returns the state-backed resolvers, keyed as sim.Config.Resolvers expects.
func Resolvers() map[string]sim.Resolver {
	r := map[string]sim.Resolver{
		"query.viewer":                                            viewer,
		"query.account":                                           account,
		"query.accountDebtPosition":                               accountDebtPosition,
		"query.centrepayDeductions":                               centrepayDeductions,
		"query.accounts":                                          accounts,
		"query.getUsersForAccounts":                               getUsersForAccounts,
		"query.userSyncPayload":                                   userSyncPayload,
		"query.property":                                          property,
		"query.properties":                                        properties,
		"query.meterPoints":                                       meterPoints,
		"query.accountReference":                                  accountReference,
		"query.metadata":                                          metadata,
		"query.goodsQuotes":                                       goodsQuotes,
		"query.goodsPurchases":                                    goodsPurchases,
		"query.loyaltyPointLedgers":                               loyaltyPointLedgers,
		"query.isPasswordResetTokenValid":                         isPasswordResetTokenValid,
		"query.mfaDevices":                                        mfaDevices,
		"query.applicableRates":                                   applicableRates,
		"query.billingTriggerConfigurations":                      billingTriggerConfigurations,
		"query.defaultPaymentInstruction":                         defaultPaymentInstruction,
		"query.availableProductsForMeterPoint":                    availableProductsForMeterPoint,
		"query.meterPointProductEligibility":                      meterPointProductEligibility,
		"query.followOnProduct":                                   followOnProduct,
		"query.electricityMeterReadings":                          electricityMeterReadings,
		"query.gasMeterReadings":                                  gasMeterReadings,
		"query.livePaymentAdequacy":                               livePaymentAdequacy,
		"query.livePaymentAdequacyCalculation":                    livePaymentAdequacyCalculation,
		"query.returnSchedule":                                    none,
		"query.fitInstallations":                                  none,
		"query.supplyPoints":                                      supplyPoints,
		"query.supplyPoint":                                       supplyPointOf,
		"query.customerFeedbackForms":                             customerFeedbackForms,
		"mutation.submitCustomerFeedback":                         submitCustomerFeedback,
		"mutation.createCustomerFeedback":                         createCustomerFeedback,
		"mutation.masqueradeAuthentication":                       masqueradeAuthentication,
		"mutation.instigateLeaveSupplier":                         instigateLeaveSupplier,
		"mutation.cancelLeaveSupplier":                            cancelLeaveSupplier,
		"mutation.reverseLeaveSupplier":                           reverseLeaveSupplier,
		"mutation.updateLeaveSupplier":                            updateLeaveSupplier,
		"query.leaveSupplierProcess":                              leaveSupplierProcess,
		"mutation.insertUserPsrRecords":                           insertUserPsrRecords,
		"mutation.updateSpecialCircumstances":                     updateSpecialCircumstances,
		"mutation.hasFamilyIssues":                                hasFamilyIssues,
		"mutation.transferLedgerBalance":                          transferLedgerBalance,
		"mutation.deleteAccountReference":                         deleteAccountReference,
		"mutation.createMetadata":                                 createMetadata,
		"mutation.cancelPayment":                                  cancelPayment,
		"mutation.createAccountCredit":                            createAccountCredit,
		"mutation.invalidateRefreshToken":                         invalidateRefreshToken,
		"mutation.invalidateRefreshTokensForUser":                 invalidateRefreshTokensForUser,
		"mutation.obtainLongLivedRefreshToken":                    obtainLongLivedRefreshToken,
		"mutation.generatePreSignedToken":                         generatePreSignedToken,
		"mutation.invalidatePreSignedTokensForUser":               invalidatePreSignedTokensForUser,
		"mutation.createFormSubmission":                           createFormSubmission,
		"query.lifecycleProcesses":                                lifecycleProcesses,
		"query.joinSupplierProcess":                               joinSupplierProcess,
		"mutation.cancelEnrollment":                               cancelEnrollment,
		"mutation.joinSupplierAcceptTermsAndConditions":           joinSupplierAcceptTermsAndConditions,
		"query.campaigns":                                         campaigns,
		"query.contributionSchemes":                               listContributionSchemes,
		"query.energyProduct":                                     energyProduct,
		"query.product":                                           originProduct,
		"query.availableProducts":                                 availableProducts,
		"query.availableProductFromDisplayName":                   availableProductFromDisplayName,
		"query.isEnrolledInCustomerFlexibilityCampaign":           isEnrolledInCustomerFlexibilityCampaign,
		"query.customerFlexibilityCampaignEvents":                 customerFlexibilityCampaignEvents,
		"query.energyProducts":                                    energyProducts,
		"query.termsAndConditionsForProduct":                      termsAndConditionsForProduct,
		"query.octoplusAccountInfo":                               octoplusAccountInfo,
		"query.octoplusOffers":                                    listOctoplusOffers,
		"query.octoplusRewards":                                   listOctoplusRewards,
		"query.octoPoints":                                        octoPoints,
		"query.wheelOfFortuneSpins":                               wheelOfFortuneSpins,
		"query.wheelOfFortuneSegments":                            wheelOfFortuneSegments,
		"query.wheelOfFortuneSpinsAllowed":                        wheelOfFortuneSpinsAllowed,
		"query.savingSessions":                                    savingSessions,
		"query.annualElectricityConsumption":                      annualElectricityConsumption,
		"query.annualGasConsumption":                              annualGasConsumption,
		"query.electricityPrepayLedgers":                          prepayLedgersOf(true),
		"query.gasPrepayLedgers":                                  prepayLedgersOf(false),
		"query.prepayBalanceSnapshot":                             prepayBalanceSnapshot,
		"query.smartDeviceNetwork":                                smartDeviceNetwork,
		"query.userVehicles":                                      userVehicles,
		"query.caredForAccounts":                                  caredForAccounts,
		"query.consumptionEstimates":                              consumptionEstimates,
		"query.octocareUsageInfo":                                 octocareInfo,
		"query.octocareOnboardingInfo":                            octocareInfo,
		"query.fitSchedule":                                       nothing,
		"query.prepayPayments":                                    prepayPayments,
		"query.smartTariffComparison":                             smartTariffComparison,
		"query.weeklyUsageInsights":                               weeklyUsageInsights,
		"query.octoHeatPumpControllerEuids":                       controllerEuids,
		"query.validateBankAccount":                               validateBankAccount,
		"query.activeCampaignOffers":                              activeCampaignOffers,
		"query.accountIoEligibility":                              accountIoEligibility,
		"query.eligibleDeviceTypes":                               eligibleDeviceTypes,
		"query.controllerEuids":                                   controllerEuids,
		"query.octoHeatPumpControllersAtLocation":                 controllersAtLocation,
		"query.octoHeatPumpControllerConfiguration":               heatPumpControllerConfiguration,
		"query.heatPumpControllerConfiguration":                   heatPumpControllerConfiguration,
		"query.octoHeatPumpControllerStatus":                      heatPumpControllerStatus,
		"query.heatPumpControllerStatus":                          heatPumpControllerStatus,
		"query.octoHeatPumpLivePerformance":                       heatPumpLivePerformance,
		"query.octoHeatPumpLifetimePerformance":                   heatPumpLifetimePerformance,
		"query.octoHeatPumpTimeRangedPerformance":                 heatPumpTimeRangedPerformance,
		"query.octoHeatPumpTimeSeriesPerformance":                 heatPumpTimeSeriesPerformance,
		"query.heatPumpStatus":                                    krakenflexHeatPump,
		"query.heatPumpDevice":                                    krakenflexHeatPump,
		"mutation.octoHeatPumpSetZoneMode":                        setZoneMode,
		"mutation.octoHeatPumpSetZoneSchedules":                   setZoneSchedules,
		"mutation.setZoneSchedules":                               setZoneSchedules,
		"mutation.setZoneMode":                                    setZoneMode,
		"mutation.octoHeatPumpUpdateWaterSetpoint":                updateWaterSetpoint,
		"mutation.updateWaterSetpoint":                            updateWaterSetpoint,
		"mutation.octoHeatPumpUpdateFlowTemperatureConfiguration": updateFlowTemperature,
		"mutation.octoHeatPumpUpdateSensorDisplayName":            renameSensors,
		"mutation.updateSensorDisplayName":                        renameSensors,
		"mutation.octoHeatPumpBulkUpdateSensorDisplayName":        renameSensors,
		"mutation.bulkUpdateSensorDisplayName":                    renameSensors,
		"query.smartMeterDataPreferences":                         smartMeterDataPreferences,
		"query.accountCreditReasons":                              reasonList(creditReasons),
		"query.accountChargeReasons":                              reasonList(chargeReasons),
		"query.quote":                                             quoteByCode,
		"query.costOfUsage":                                       costOfUsage,
		"query.costOfCharge":                                      costOfCharge,
		"query.meterPoint":                                        meterPoint,
		"query.digitalMeterRequestEligibility":                    digitalMeterRequestEligibility,
		"query.accountsSearch":                                    staffOnly,
		"query.siteworksBookingAccountSearchByNumber":             staffOnly,
		"query.siteworksBookingAccountSearchByMpan":               staffOnly,
		"query.siteworksBookingAccountSearchByMprn":               staffOnly,
		"query.siteworksBookingAccountSearchByPostcode":           staffOnly,
		"query.fanClubStatus":                                     fanClubStatus,
		"query.siteworksAppointmentSlots":                         siteworksAppointmentSlots,
		"query.siteworksAppointments":                             siteworksAppointments,
		"query.doesAccountMeetVulnerabilityCriteria":              doesAccountMeetVulnerabilityCriteria,
		"query.hasAlreadyReceivedBlanket":                         hasAlreadyReceivedBlanket,
		"query.areBlanketsAvailable":                              stockLeft,
		"query.hasReceivedADiscountCode":                          hasReceivedADiscountCode,
		"query.areDiscountCodesAvailable":                         stockLeft,
		"query.discountCode":                                      discountCode,
		"query.exportRepaymentDetails":                            exportRepaymentDetails,
		"query.backendScreen":                                     getBackendScreen,
		"query.backendScreenIds":                                  listScreenIDs,
		"query.backendScreenEventIds":                             listScreenEventIDs,
		"query.octoplusFeatureFlags":                              octoplusFeatureFlags,
		"query.eligibilityToJoinLoyaltyPointsProgram":             loyaltyEligibility,
		"query.productEnrolments":                                 productEnrolments,
		"query.productEnrolment":                                  productEnrolment,
		"query.charityDonationHistory":                            noDonations,
		"query.accountUserFromAccountNumber":                      accountUserFromAccountNumber,
		"query.accountUser":                                       accountUser,
		"query.electricityAgreement":                              agreementOfFuel(true),
		"query.gasAgreement":                                      agreementOfFuel(false),
		// The address lookup.
		"query.addresses":                                   addresses,
		"query.getAddressesByPostcode":                      addressesByPostcode,
		"query.getUprnByMpan":                               uprnByMpan,
		"query.multipleElectricityMeterPointsForAddress":    meterPointsForAddress,
		"mutation.prepareAccount":                           prepareAccount,
		"mutation.initializeUser":                           initializeUser,
		"mutation.initializeAccount":                        initializeAccount,
		"mutation.enrollment":                               enrollment,
		"mutation.reverseEnrollment":                        reverseEnrollment,
		"mutation.addCreditToSmartMeter":                    addCreditToSmartMeter,
		"mutation.createAutoTopupConfig":                    createAutoTopupConfig,
		"mutation.disableAutoTopup":                         disableAutoTopup,
		"query.autoTopupConfigs":                            autoTopupConfigs,
		"query.autoTopupTriggers":                           autoTopupTriggers,
		"mutation.createAcquisitionQuoteRequestForProducts": createAcquisitionQuoteRequestForProducts,
		"mutation.requestConsumptionData":                   requestConsumptionData,
		"mutation.addSignupReferralOnAccount":               addSignupReferralOnAccount,
		"mutation.payoutReferralForAccount":                 payoutReferralForAccount,
		"mutation.updateAccountReferralStatus":              updateAccountReferralStatus,
		"mutation.createHeatPumpGoodsQuote":                 createHeatPumpGoodsQuote,
		"mutation.generatePaymentAllocationNumber":          generatePaymentAllocationNumber,
		"mutation.quoteCampaignOffer":                       quoteCampaignOffer,
		"mutation.enrollFanClubAccount":                     enrollFanClubAccount,
		"mutation.deviceRegistration":                       deviceRegistration,
		"mutation.triggerTestCharge":                        triggerTestCharge,
		"mutation.startSmartFlexOnboarding":                 startSmartFlexOnboarding,
		"mutation.cancelSmartFlexOnboarding":                cancelSmartFlexOnboarding,
		"query.smartFlexOnboardingWizards":                  smartFlexOnboardingWizards,
		"mutation.occupy":                                   occupy,
		"mutation.emailAuthentication":                      legacyAuthentication,
		"mutation.apiKeyAuthentication":                     legacyAuthentication,
		"mutation.disableToken":                             disableToken,
		"query.occupierAccount":                             occupierAccount,
		"query.wanCoverage":                                 wanCoverage,
		"query.wanCoverageDetail":                           wanCoverageDetail,
		"query.getNextPaymentScheduleAvailableDate":         nextScheduleDate,
		"query.availableProductSwitchDates":                 productSwitchDates,
		"query.moveOutDates":                                moveOutDates,
		"query.moveInDates":                                 moveInDates,
		"query.electricityMoveInDates":                      moveInDates,
		"query.gasMoveInDates":                              moveInDates,
		"query.publicHolidays":                              publicHolidays,
		"query.agreementRates":                              agreementRates,
		"query.agreement":                                   agreement,
		"query.nmiCheck":                                    supplyCheck,
		"query.mirnCheck":                                   supplyCheck,
		"query.vouchersForAccount":                          vouchersForAccount,
		"query.vouchersBalanceDetail":                       vouchersBalanceDetail,
		"query.loyaltyPointsBalance":                        loyaltyPointsBalance,
		// Signing up.
		"query.domesticAccountReferralRewardScheme":    referralSchemeByCode,
		"query.businessAccountReferralRewardScheme":    referralSchemeByCode,
		"query.domesticSignupRewardScheme":             rewardSchemeByCode("SIGNUP_REWARD"),
		"query.domesticJoiningRewardScheme":            rewardSchemeByCode("PROMO_REWARD", "PARTNER_REWARD"),
		"query.activeDomesticSignupRewardScheme":       activeSignupScheme,
		"query.earliestPossibleDirectDebitPaymentDate": earliestDirectDebitDate,
		"query.depositAgreements":                      depositAgreements,
		"query.shoptopusVoucherAvailability":           shoptopusVoucherAvailability,
		"query.loyaltyCards":                           loyaltyCards,
		"query.customerAsset":                          customerAsset,
		"query.portfolio":                              portfolioByNumber,
		"query.propertiesSearch":                       propertiesSearch,
		"query.propertySearch":                         propertySearch,
	}
	for name, m := range mutations() {
		r["mutation."+name] = m
	}
	return r
}

func mutations() map[string]sim.Resolver {
	return map[string]sim.Resolver{
		// The user.
		"updateSmartMeterDataPreferences": updateSmartMeterDataPreferences,
		"updateUser":                      updateUser,
		"updateUserDetails":               updateUserDetails,
		"updateCommsPreferences":          updateCommsPreferences,
		"updateAccountUserConsents":       updateAccountUserConsents,
		"updateEmailAndPassword":          updateEmailAndPassword,
		"updatePassword":                  updatePassword,
		"regenerateSecretKey":             regenerateSecretKey,
		"requestPasswordReset":            requestPasswordReset,
		"resetUserPassword":               resetUserPassword,
		"resetPassword":                   resetPassword,
		"sendPreSignedTokenEmail":         sendPreSignedTokenEmail,
		"requestDoubleOptIn":              requestDoubleOptIn,
		"createMfaDevice":                 createMfaDevice,
		"forceReauthentication":           forceReauthentication,
		"verifyIdentity":                  verifyIdentity,
		"verifyIdentityFallback":          verifyIdentityFallback,
		"registerPushNotificationBinding": registerPushNotificationBinding,
		"deletePushNotificationBinding":   deletePushNotificationBinding,
		"validateMfaDevice":               validateMfaDevice,
		"deleteMfaDevice":                 deleteMfaDevice,
		"confirmDoubleOptIn":              confirmDoubleOptIn,
		"invalidatePreSignedToken":        invalidatePreSignedToken,
		"createConcession":                createConcession,
		"updateConcession":                updateConcession,
		"validateConcession":              validateConcession,
		"removeConcession":                removeConcession,
		// The account.
		"updateAccountConsents":             updateAccountConsents,
		"updateAccountBillingAddress":       updateAccountBillingAddress,
		"updateAccountAddress":              updateAccountAddress,
		"updateAccountBillingEmail":         updateAccountBillingEmail,
		"updateCommsDeliveryPreference":     updateCommsDeliveryPreference,
		"createAccountNote":                 createAccountNote,
		"requestPrintedBill":                requestPrintedBill,
		"scheduleQuoteFollowUp":             scheduleQuoteFollowUp,
		"moveOut":                           moveOut,
		"performMoveOut":                    moveOut,
		"moveInCreateCustomer":              moveInCreateCustomer,
		"forceMoveIn":                       forceMoveIn,
		"registerEmail":                     registerEmail,
		"updateBlackholeEmail":              updateBlackholeEmail,
		"createAccountFileAttachment":       createAccountFileAttachment,
		"createWarmHomeDiscountApplication": createWarmHomeDiscountApplication,
		"purchaseVoucher":                   purchaseVoucher,
		"purchaseVouchers":                  purchaseVouchers,
		"refundVoucher":                     refundVoucher,
		"triggerPostUploadOperations":       triggerPostUploadOperations,
		"createAccountReference":            createAccountReference,
		"updateAccountReference":            updateAccountReference,
		"updateMetadata":                    updateMetadata,
		"addCampaignToAccount":              addCampaignToAccount,
		"smets2Interest":                    smets2Interest,
		"updateNumberOfOccupants":           updateNumberOfOccupants,
		"updatePropertyType":                updatePropertyType,
		"submitMeterReading":                submitMeterReading,
		"createElectricityMeterReading":     createElectricityMeterReading,
		"createGasMeterReading":             createGasMeterReading,
		"createElectricitySelfMeterReads":   createElectricitySelfMeterReads,
		"createGasSelfMeterReads":           createGasSelfMeterReads,
		"createShellAccount":                createShellAccount,
		"renewAgreementForMeterPoint":       renewAgreementForMeterPoint,
		"renewAgreementsForAccount":         renewAgreementsForAccount,
		"requote":                           requote,
		"refreshQuote":                      refreshQuote,
		"quoteAccountOnProducts":            quoteAccountOnProducts,
		"createRenewalQuoteRequest":         createRenewalQuoteRequest,
		"createQuoteRequestForProducts":     createQuoteRequestForProducts,
		"switchMeterPointProducts":          switchMeterPointProducts,
		"initiateProductSwitch":             initiateProductSwitch,
		"renewAgreements":                   renewAgreements,
		// Payments.
		"createAccountPaymentSchedule":                            createAccountPaymentSchedule,
		"updatePaymentSchedule":                                   updatePaymentSchedule,
		"updatePaymentSchedulePaymentDay":                         updatePaymentSchedulePaymentDay,
		"updatePaymentSchedulePaymentAmount":                      updatePaymentSchedulePaymentAmount,
		"directDebitPaymentDayUpdate":                             directDebitPaymentDayUpdate,
		"createDirectDebitPaymentSchedule":                        createDirectDebitPaymentSchedule,
		"createDirectDebitInstructionAndSchedule":                 createDirectDebitInstructionAndSchedule,
		"storePaymentInstruction":                                 storePaymentInstruction,
		"initiateStandalonePayment":                               initiateStandalonePayment,
		"initiateHostedStandalonePayment":                         initiateHostedStandalonePayment,
		"completeStandalonePayment":                               completeStandalonePayment,
		"getHostedUrlForNewPaymentInstruction":                    getHostedUrlForNewPaymentInstruction,
		"getEmbeddedSecretForNewPaymentInstruction":               getEmbeddedSecretForNewPaymentInstruction,
		"getEmbeddedSecretForNewPaymentInstructionWithoutAccount": getEmbeddedSecretForNewPaymentInstructionWithoutAccount,
		"invalidatePaymentInstruction":                            invalidatePaymentInstruction,
		"setUpDirectDebitInstruction":                             setUpDirectDebitInstruction,
		"createDirectDebitInstruction":                            createDirectDebitInstruction,
		"amendPayment":                                            amendPayment,
		"reschedulePayment":                                       reschedulePayment,
		"updateAutoTopUpAmount":                                   updateAutoTopUpAmount,
		"collectPayment":                                          collectPayment,
		"offerPaymentPlan":                                        offerPaymentPlan,
		"acceptPaymentPlan":                                       acceptPaymentPlan,
		"cancelPaymentPlan":                                       cancelPaymentPlan,
		"breakPaymentPlan":                                        breakPaymentPlan,
		"previewAndCreatePaymentPlan":                             previewAndCreatePaymentPlan,
		// Loyalty points and referrals.
		"redeemLoyaltyPointsForAccountCredit": redeemLoyaltyPoints,
		"redeemOctoPointsForAccountCredit":    redeemOctoPoints,
		"postCredit":                          postCredit,
		"createAccountCharge":                 createAccountCharge,
		"createQuote":                         createQuote,
		"transferLoyaltyPointsBetweenUsers":   transferLoyaltyPoints,
		"setLoyaltyPointsUser":                setLoyaltyPointsUser,
		"createPortfolioUserRole":             createPortfolioUserRole,
		"enrollAccountInLoyaltyProgram":       enrollAccountInLoyaltyProgram,
		"unenrollAccountFromLoyaltyProgram":   unenrollAccountFromLoyaltyProgram,
		"createReminder":                      createReminder,
		"createAccountReminder":               createAccountReminder,
		"completeReminder":                    completeReminder,
		// Booking a smart meter installation.
		"confirmSiteworksAppointmentSlot":              confirmSiteworksAppointmentSlot,
		"cancelSiteworksAppointment":                   cancelSiteworksAppointment,
		"createPaymentExtension":                       createPaymentExtension,
		"makePaymentWithSavedCard":                     makePaymentWithSavedCard,
		"makePaymentWithNewCard":                       makePaymentWithNewCard,
		"pauseDunning":                                 dunningProcess,
		"withdrawDunning":                              dunningProcess,
		"createCentrepayDeduction":                     createCentrepayDeduction,
		"changeCentrepayDeduction":                     changeCentrepayDeduction,
		"cancelCentrepayDeduction":                     cancelCentrepayDeduction,
		"addProperty":                                  addProperty,
		"updatePropertyAddress":                        updatePropertyAddress,
		"storeDirectDebitPaymentMethodDetails":         storeDirectDebitPaymentMethodDetails,
		"setUpDirectDebitInstructionFromStoredDetails": setUpDirectDebitInstructionFromStoredDetails,
		"createComplaint":                              createComplaint,
		"updateDocumentAccessibilityPreference":        updateDocumentAccessibilityPreference,
		"orderBlanket":                                 orderBlanket,
		"assignDiscountCode":                           assignDiscountCode,
		"updateExportPaymentMethod":                    updateExportPaymentMethod,
		"awardLoyaltyPoints":                           awardLoyaltyPoints,
		"deductLoyaltyPoints":                          deductLoyaltyPoints,
		"createReferral":                               createReferral,
		"spinWheelOfFortune":                           spinWheelOfFortune,
		"createCreditTransferPermission":               createCreditTransferPermission,
		"submitRepaymentRequest":                       submitRepaymentRequest,
		"createContributionAgreement":                  createContributionAgreement,
		"endContributionAgreement":                     endContributionAgreement,
		"cancelRepaymentRequest":                       cancelRepaymentRequest,
		"terminateCreditTransferPermission":            terminateCreditTransferPermission,
		"redeemReferralClaimCode":                      redeemReferralClaimCode,
		"joinOctoplusCampaign":                         joinOctoplusCampaign,
		"claimOctoplusReward":                          claimOctoplusReward,
		"joinSavingSessionsCampaign":                   joinSavingSessionsCampaign,
		"joinSavingSessionsEvent":                      joinSavingSessionsEvent,
		// Goods.
		"createGoodsQuote":               createGoodsQuote,
		"createGoodsQuoteWithoutAccount": createGoodsQuoteWithoutAccount,
		"acceptGoodsQuote":               acceptGoodsQuote,
		"createGoodsPurchase":            createGoodsPurchase,
		"updateActivePurchase":           updateActivePurchase,
		"shareGoodsQuote":                shareGoodsQuote,
		// Octopus's payments and refunds.
		"createPaymentSchedule": createPaymentSchedule,
		"refundPayment":         refundPayment,
		"createRefundRequest":   createRefundRequest,
		// Origin's payment schedules.
		"createFixedPaymentSchedule":   createFixedPaymentSchedule,
		"replaceLatestPaymentSchedule": replaceLatestPaymentSchedule,
		"deletePaymentSchedule":        deletePaymentSchedule,
		"setPaymentPreference":         setPaymentPreference,
		"stopAutomatedPayments":        stopAutomatedPayments,
		// Origin's hardship.
		"createHardshipAgreement": createHardshipAgreement,
		"updateHardshipAgreement": updateHardshipAgreement,
		// Checks.
		"validateEmail":         validateEmail,
		"validatePhone":         validatePhone,
		"sendVerificationEmail": sendVerificationEmail,
		"verifyEmail":           verifyEmail,
		// Origin's house moves.
		"triggerElectricityHouseMoveOut":         triggerHouseMoveOut,
		"triggerGasHouseMoveOut":                 triggerHouseMoveOut,
		"propertyMoveOut":                        propertyMoveOut,
		"registerCustomerAsset":                  registerCustomerAsset,
		"createOrUpdateLoyaltyCard":              createOrUpdateLoyaltyCard,
		"bulkAwardLoyaltyPoints":                 bulkAwardLoyaltyPoints,
		"replaceAgreement":                       replaceAgreement,
		"terminateAgreement":                     terminateAgreement,
		"updateAgreementPeriod":                  updateAgreementPeriod,
		"extendAgreementPeriod":                  extendAgreementPeriod,
		"claimShoptopusVoucher":                  claimShoptopusVoucher,
		"updateSsd":                              updateSsd,
		"acceptTermsAndConditions":               acceptTermsAndConditions,
		"startOnboardingProcess":                 startOnboardingProcess,
		"startExportOnboardingProcess":           startExportOnboardingProcess,
		"createQuoteForProperty":                 createQuoteForProperty,
		"processHouseMoveInElectricity":          processHouseMoveIn,
		"processHouseMoveInGas":                  processHouseMoveIn,
		"createElectricityQuote":                 createElectricityQuote,
		"createGasQuote":                         createGasQuote,
		"processHouseMove":                       processHouseMove,
		"updateCreditCardInstruction":            updateCreditCardInstruction,
		"updateElecMeterPointAccessDetails":      updateElecMeterPointAccessDetails,
		"calculateDepositAmount":                 calculateDepositAmount,
		"createDepositAgreement":                 createDepositAgreement,
		"recordDepositAgreementAccepted":         recordDepositAgreementAccepted,
		"collectDeposit":                         collectDeposit,
		"createQuoteForAccount":                  createQuoteForAccount,
		"selectProducts":                         selectProducts,
		"sendQuoteSummary":                       sendQuoteSummary,
		"retireCustomerAsset":                    retireCustomerAsset,
		"cancelHouseMoveOut":                     cancelHouseMoveOut,
		"updateProcessedHouseMoveDate":           updateProcessedHouseMoveDate,
		"cancelHouseMoveIn":                      cancelHouseMoveIn,
		"switchAccountToVariablePaymentSchedule": switchAccountToVariablePaymentSchedule,
		// Backend screens.
		"backendScreenEvent": backendScreenEvent,
		// Water.
		"installMeter":                  installMeter,
		"exchangeMeter":                 exchangeMeter,
		"modifyMeter":                   modifyMeter,
		"switchAccountToMeasuredTariff": switchAccountToMeasuredTariff,
	}
}

// Platform codes every field may raise.
const (
	codeUnauthorized = "KT-CT-1111"
)

// owned returns the viewer and the account numbered number, the session's own copy to
// change, when the viewer may act on it. An unknown account fails with notFound when
// given, otherwise like one the viewer may not touch: with unauthorized, or the field's
// documented "Unauthorized" code. Queries use readable, which copies nothing.
func owned(c *sim.Call, number, unauthorized, notFound string) (*sim.User, *sim.Account, error) {
	u, a, err := readable(c, number, unauthorized, notFound)
	if err != nil {
		return nil, nil, err
	}
	return u, c.Session.World().MutableAccount(a.Number), nil
}

// readable is owned for reading: the account may be shared with other sessions and
// must not change.
func readable(c *sim.Call, number, unauthorized, notFound string) (*sim.User, *sim.Account, error) {
	u, _, err := c.Viewer()
	if err != nil {
		return nil, nil, err
	}
	if unauthorized == "" {
		unauthorized = c.UnauthorizedCode()
	}
	a := c.Session.World().Account(number)
	if a == nil && notFound != "" {
		return nil, nil, c.Error(notFound)
	}
	if a == nil || !u.CanAccess(number) {
		return nil, nil, c.Error(unauthorized)
	}
	return u, a, nil
}

// viewersIfNamed returns the viewer, for a field whose accountNumber argument is
// optional: the account it names, when it names one, must be the viewer's, refused as
// readable refuses it (Unauthorized for another's or an unknown number).
func viewersIfNamed(c *sim.Call) (*sim.User, error) {
	if number := c.StringArg("accountNumber"); number != "" {
		u, _, err := readable(c, number, "", "")
		return u, err
	}
	u, _, err := c.Viewer()
	return u, err
}

// input returns the field's "input" argument, or an empty map.
func input(c *sim.Call) map[string]any {
	if m, ok := c.Arg("input").(map[string]any); ok {
		return m
	}
	return map[string]any{}
}

// str returns m[key] as a string ("" when absent or null); numbers are formatted.
func str(m map[string]any, key string) string {
	switch v := m[key].(type) {
	case string:
		return v
	case json.Number:
		return v.String()
	case int:
		return strconv.Itoa(v)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return ""
}

// strPtr returns m[key] as a string and whether the key was given non-null.
func strPtr(m map[string]any, key string) (string, bool) {
	v, ok := m[key]
	if !ok || v == nil {
		return "", false
	}
	return str(m, key), true
}

// integer returns m[key] as an int and whether it was given non-null.
func integer(m map[string]any, key string) (int, bool) {
	f, ok := number(m[key])
	if !ok || f != math.Trunc(f) {
		return 0, false
	}
	return int(f), true
}

// number reads a numeric value that may arrive as a Go number, json.Number or string
// (Decimal and custom scalars pass through the executor as sent).
func number(v any) (float64, bool) {
	switch x := v.(type) {
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	case float64:
		return x, !math.IsNaN(x) && !math.IsInf(x, 0)
	case json.Number:
		f, err := x.Float64()
		return f, err == nil
	case string:
		f, err := strconv.ParseFloat(strings.TrimSpace(x), 64)
		return f, err == nil && !math.IsNaN(f) && !math.IsInf(f, 0)
	}
	return 0, false
}

func boolean(m map[string]any, key string) (bool, bool) {
	b, ok := m[key].(bool)
	return b, ok
}

// list returns m[key] as a list of objects, skipping null entries.
func list(m map[string]any, key string) []map[string]any {
	items, _ := m[key].([]any)
	out := make([]map[string]any, 0, len(items))
	for _, it := range items {
		if o, ok := it.(map[string]any); ok {
			out = append(out, o)
		}
	}
	return out
}

// phoneNumber reports whether s reads as a phone number: 7 to 15 digits, with spaces,
// dashes and a leading + allowed.
func phoneNumber(s string) bool {
	digits := 0
	for i, r := range strings.TrimSpace(s) {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == ' ' || r == '-' || r == '+' && i == 0:
		default:
			return false
		}
	}
	return digits >= 7 && digits <= 15
}

// validEmail reports whether s is a bare email address with a domain.
func validEmail(s string) bool {
	if s == "" || strings.ContainsAny(s, " \t\r\n<>") {
		return false
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s {
		return false
	}
	at := strings.LastIndexByte(s, '@')
	return at > 0 && strings.Contains(s[at+1:], ".")
}

// parseTime reads a DateTime input in any ISO 8601 form the scalar takes (+00:00,
// +0000, Z), a time without an offset or a bare date (its midnight) read in zone, the
// tenant's local time, as Kraken reads them.
func parseTime(v any, zone *time.Location) (time.Time, bool) {
	s, _ := v.(string)
	t, ok := graphql.ParseDateTime(strings.TrimSpace(s), zone)
	return t.UTC(), ok
}

// parseDate reads a Date input (YYYY-MM-DD).
func parseDate(v any) (string, bool) {
	s, _ := v.(string)
	if _, err := time.Parse(time.DateOnly, s); err != nil {
		return "", false
	}
	return s, true
}

// today is the session's virtual date, as YYYY-MM-DD in the tenant's local time.
func today(c *sim.Call) string { return c.Session.Now().In(c.Session.Zone()).Format(time.DateOnly) }

// addDays shifts a YYYY-MM-DD date by n days.
func addDays(date string, n int) string {
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return date
	}
	return t.AddDate(0, 0, n).Format(time.DateOnly)
}

// accountIDs yields the id of each item items picks from the world's accounts.
func accountIDs[T any](w *sim.World, items func(*sim.Account) []T, id func(*T) string) iter.Seq[string] {
	return func(yield func(string) bool) {
		for _, a := range w.Accounts {
			if a == nil {
				continue
			}
			list := items(a)
			for i := range list {
				if !yield(id(&list[i])) {
					return
				}
			}
		}
	}
}

// nextID returns one more than the largest numeric id ids yields, at least floor.
func nextID(floor int, ids func(yield func(string) bool)) string {
	max := floor - 1
	for id := range ids {
		if n, err := strconv.Atoi(id); err == nil && n > max {
			max = n
		}
	}
	return strconv.Itoa(max + 1)
}

// ledgerFor returns the account's ledger named by id or number; empty picks the first.
func ledgerFor(a *sim.Account, ref string) *sim.Ledger {
	if ref == "" {
		if len(a.Ledgers) == 0 {
			return nil
		}
		return &a.Ledgers[0]
	}
	for i := range a.Ledgers {
		if a.Ledgers[i].ID == ref || a.Ledgers[i].Number == ref {
			return &a.Ledgers[i]
		}
	}
	return nil
}

// credit adds amount pence to the account's balance and ledger and records it as a
// CREDIT transaction on that ledger.
func credit(c *sim.Call, a *sim.Account, l *sim.Ledger, amount int, reason, note string) {
	post(c, a, l, amount, "CREDIT", reason, note)
}

// post adds a transaction of amount pence (a credit or payment raises the balance, a
// charge lowers it) to the account and the ledger (nil for none) and returns its id.
func post(c *sim.Call, a *sim.Account, l *sim.Ledger, amount int, typ, reason, note string) string {
	return postTransaction(c.Session.World(), a, l, sim.Transaction{Date: today(c), Amount: amount, Type: typ, Reason: reason, Note: note, DisplayNote: note})
}

// postTransaction adds t, numbered after the world's others, to the account and the
// ledger (nil for none), moving their balances, and returns its id.
func postTransaction(w *sim.World, a *sim.Account, l *sim.Ledger, t sim.Transaction) string {
	if l != nil {
		t.LedgerNumber = l.Number
	}
	t.ID = w.NextTransactionID()
	a.Balance += t.Signed()
	if l != nil {
		l.Balance += t.Signed()
	}
	a.Transactions = append(a.Transactions, t)
	return t.ID
}

// errorf builds a plain error for a broken invariant, with the field for context.
func errorf(c *sim.Call, format string, args ...any) error {
	return fmt.Errorf("%s: %s", c.Field.Name, fmt.Sprintf(format, args...))
}

// viewersEntry finds, among the viewer's accounts, the one whose list holds an entry
// match picks, and the entry's index; a nil account for none.
func viewersEntry[T any](c *sim.Call, list func(*sim.Account) []T, match func(T) bool) (*sim.Account, int, error) {
	u, _, err := c.Viewer()
	if err != nil {
		return nil, 0, err
	}
	for held := range heldBy(c.Session.World(), u) {
		if i := slices.IndexFunc(list(held), match); i >= 0 {
			return held, i, nil
		}
	}
	return nil, -1, nil
}

// heldBy are the session's accounts a user may act on, in the world's order.
func heldBy(w *sim.World, u *sim.User) iter.Seq[*sim.Account] {
	return func(yield func(*sim.Account) bool) {
		for _, a := range w.Accounts {
			if a != nil && u.CanAccess(a.Number) && !yield(a) {
				return
			}
		}
	}
}
