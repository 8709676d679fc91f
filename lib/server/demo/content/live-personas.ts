import "server-only";
import type { DemoLanguage } from "@/lib/server/demo/content/names";
import { me, them, type StoryLine } from "@/lib/server/demo/content/story";

/**
 * The people who keep writing while the demo runs: each has a recent history (so the conversation makes
 * sense) and pools of lines that new messages are drawn from.
 */
export type LivePersona = {
  firstName: string;
  lastName: string;
  displayName: string;
  slug: string;
  company: string;
  headline: string;
  language: DemoLanguage;
  history: readonly StoryLine[];
  incoming: readonly string[];
  replies: readonly string[];
};

const COMMON_REPLIES: readonly string[] = [
  "On it — back to you within the hour.",
  "Good question, let me check with our product team.",
  "Sure, sending it over now 👍",
  "Thanks for the quick reply!",
  "Makes sense. I'll update the proposal.",
  "Perfect, invite sent.",
];

export const LIVE_PERSONAS: readonly LivePersona[] = [
  {
    firstName: "Priya",
    lastName: "Raman",
    displayName: "Priya Raman",
    slug: "priya-raman-revops",
    company: "Lumina Health",
    headline: "Head of Revenue Operations at Lumina Health",
    language: "en",
    history: [
      me("Hi Priya, following up on the security review — anything else your team needs from us?"),
      them("Just the pen-test summary, then we can move to pricing."),
      me("Sent it this morning. Let me know when you're ready to talk numbers."),
    ],
    incoming: [
      "Got the pen-test summary, thanks. Security is happy ✅",
      "Quick one — does the Growth plan include SSO?",
      "Can we start with 25 seats and add 40 more in Q3?",
      "Our CFO asked if you offer quarterly billing.",
      "Just looped in our procurement lead, Mark.",
      "Can you hold the current pricing until the end of the month?",
      "Is the HIPAA BAA included or separate?",
      "Team is in an offsite today, I'll reply properly tomorrow 🙏",
      "Forwarded the order form to legal.",
      "Honestly the demo sold it. Now it's just paperwork 😄",
      "What's the onboarding timeline if we sign this week?",
      "Can we add a clause for a 60-day opt-out?",
    ],
    replies: [
      ...COMMON_REPLIES,
      "Yes, SSO is included from Growth upwards.",
      "Quarterly billing works for the first year.",
      "Onboarding is usually 10 working days from signature.",
    ],
  },
  {
    firstName: "健二",
    lastName: "渡辺",
    displayName: "渡辺 健二",
    slug: "kenji-watanabe-sakura",
    company: "Sakura Logistics",
    headline: "Sakura Logistics 営業本部長 | Head of Sales",
    language: "ja",
    history: [
      them("{me}さん、デモありがとうございました。チームの反応がとても良かったです。"),
      me("Thank you, Watanabe-san! ありがとうございます 🙏 I'll send the proposal in English and Japanese."),
    ],
    incoming: [
      "提案書を受け取りました。社内で確認します。",
      "価格について質問があります。年間契約の割引はありますか？",
      "Could we schedule the next call at 9am JST?",
      "来週の木曜日は大丈夫ですか？",
      "上司の承認待ちです。もう少々お待ちください。",
      "The Japanese UI looks great 👍",
      "セキュリティチェックシートを送ります。",
      "ありがとうございます！",
      "Salesforceとの連携について、技術担当から質問があります。",
      "了解しました。",
    ],
    replies: [
      ...COMMON_REPLIES,
      "ありがとうございます！ I'll confirm by tomorrow.",
      "9am JST works perfectly.",
      "承知しました 🙏",
    ],
  },
  {
    firstName: "Sofía",
    lastName: "Álvarez",
    displayName: "Sofía Álvarez",
    slug: "sofia-alvarez-altamar",
    company: "Grupo Altamar",
    headline: "Directora de Compras en Grupo Altamar",
    language: "es",
    history: [
      them("Hola Jordan, recibimos la propuesta. Hay algunas dudas sobre la facturación en euros."),
      me("¡Hola Sofía! Claro, podemos facturar en euros desde nuestra entidad en Irlanda."),
    ],
    incoming: [
      "Perfecto, gracias. ¿El precio incluye IVA?",
      "Nuestro equipo legal revisará el contrato esta semana.",
      "Can we do the call in English? Our CFO will join.",
      "¿Podéis enviar la factura proforma?",
      "Gracias por la paciencia 🙏",
      "El lunes es festivo aquí, ¿lo dejamos para el martes?",
      "Aprobado por dirección ✅",
      "Una pregunta más: ¿el soporte está disponible en español?",
      "Te paso el contacto de nuestro equipo de IT.",
    ],
    replies: [
      ...COMMON_REPLIES,
      "¡Claro que sí! El soporte está disponible en español.",
      "El martes me va perfecto.",
      "Prices exclude VAT; reverse charge applies within the EU.",
    ],
  },
  {
    firstName: "عمر",
    lastName: "حداد",
    displayName: "عمر حداد",
    slug: "omar-haddad-horizon",
    company: "Horizon Gulf Trading",
    headline: "Head of Sales Operations at Horizon Gulf Trading | دبي",
    language: "ar",
    history: [
      them("مرحباً {me}، شكراً على العرض التوضيحي أمس."),
      me("أهلاً عمر! It was a pleasure. I'll share the recording and next steps today."),
    ],
    incoming: [
      "شكراً، وصلني التسجيل.",
      "Can the fiscal year start in April for our reports?",
      "الفريق في دبي متحمس جداً 👍",
      "هل يمكننا تأجيل الاجتماع إلى يوم الأحد؟",
      "Our week runs Sunday to Thursday — can the forecast follow that?",
      "سأرسل لك قائمة المستخدمين غداً.",
      "Ramadan Kareem 🌙 we'll be on reduced hours this month.",
      "تمت الموافقة من الإدارة المالية ✅",
      "One more question about Arabic support in the mobile app.",
    ],
    replies: [
      ...COMMON_REPLIES,
      "Yes, fiscal year and work week are configurable per team.",
      "Sunday works — invite updated.",
      "Ramadan Kareem, Omar! 🌙",
    ],
  },
  {
    firstName: "Daniel",
    lastName: "Brooks",
    displayName: "Daniel Brooks",
    slug: "daniel-brooks-pinecrest",
    company: "Pinecrest Software",
    headline: "Sales Director at Pinecrest Software · Building the best mid-market team in Denver 🏔️",
    language: "en",
    history: [
      them("Jordan — pilot numbers look strong. I'm presenting to the exec team this week."),
      me("That's great, Daniel! Want me to prepare a one-pager with the pilot results?"),
      them("Yes please, that would help a lot."),
    ],
    incoming: [
      "Exec meeting moved to Thursday, FYI.",
      "Can you add the win-rate delta to the one-pager?",
      "CEO asked: what happens to our data if we cancel?",
      "We're good on budget 🙌",
      "Can you jump on a 10-minute call right now?",
      "Sending over the security contact's details.",
      "They want to see a live demo, not slides. Can you do Thursday 2pm MT?",
      "Sorry for the flood of messages today 😅",
      "Just got the verbal yes from our CEO!!",
      "Who should the contract go to on your side?",
      "Do you have a case study from a company our size?",
    ],
    replies: [
      ...COMMON_REPLIES,
      "Data is exportable anytime and deleted within 30 days of cancellation.",
      "Thursday 2pm MT works. I'll bring a live workspace.",
      "Calling you now 📞",
      "🎉 Fantastic news, Daniel!",
    ],
  },
  {
    firstName: "Анна",
    lastName: "Соколова",
    displayName: "Анна Соколова",
    slug: "anna-sokolova-ecom",
    company: "Северный Ветер",
    headline: "Коммерческий директор | Северный Ветер · E-commerce",
    language: "ru",
    history: [
      them("Jordan, добрый день! Мы протестировали пилот, есть несколько вопросов."),
      me("Hi Anna! Great to hear — send them over, happy to help."),
    ],
    incoming: [
      "Первый вопрос: можно ли выгружать отчёты в Excel?",
      "Thanks! And can managers see each other's pipelines?",
      "Отлично, спасибо за быстрый ответ 👍",
      "Мы обсудим бюджет на следующей неделе.",
      "Can we extend the pilot by two weeks?",
      "Команда очень довольна еженедельным дайджестом.",
      "Пришлите, пожалуйста, обновлённое предложение.",
      "Спасибо!",
      "One more: is there an API rate limit?",
    ],
    replies: [
      ...COMMON_REPLIES,
      "Yes, every report exports to Excel and CSV.",
      "Pilot extended by two weeks ✅",
      "The API allows 600 requests per minute per workspace.",
    ],
  },
];
