import { detectLanguage, primaryLanguage } from '../../domain/language';

/** Support messages as customers write them: greetings, one-liners, no punctuation, brand names, order numbers. */
const SUPPORT_MESSAGES: readonly (readonly [language: string, text: string])[] = [
  ['en', 'Hi, I was charged twice for my order #48213 and I would like a refund please.'],
  ['en', 'My account is locked and the reset email never arrives. Can you help?'],
  ['en', 'Thanks!'],
  ['en', 'the app keeps crashing when I open the payment page'],
  ['de', 'Hallo, ich habe meine Bestellung vor zwei Wochen bezahlt und sie ist immer noch nicht angekommen.'],
  ['de', 'Bitte erstatten Sie mir das Geld zurück, die Rückerstattung fehlt seit Tagen.'],
  ['de', 'Danke!'],
  ['de', 'Mein Konto wurde gesperrt, warum?'],
  ['fr', "Bonjour, je n'ai toujours pas reçu ma commande passée il y a dix jours."],
  ['fr', "Mon compte est bloqué depuis hier, pouvez-vous m'aider s'il vous plaît ?"],
  ['fr', 'Merci beaucoup'],
  ['fr', 'Le remboursement n’apparaît pas sur ma carte'],
  ['es', 'Hola, todavía no he recibido mi pedido y ya pasaron dos semanas.'],
  ['es', 'Me cobraron dos veces, ¿pueden hacer el reembolso por favor?'],
  ['es', 'Gracias'],
  ['es', 'No puedo entrar a mi cuenta desde el celular'],
  ['pt', 'Olá, fiz uma compra ontem e ainda não recebi o e-mail de confirmação.'],
  ['pt', 'Minha conta foi bloqueada sem motivo, vocês podem verificar?'],
  ['pt', 'Obrigado!'],
  ['pt', 'Não consigo fazer login no aplicativo'],
  ['it', 'Buongiorno, il mio ordine non è ancora arrivato, potete controllare?'],
  ['it', 'Ho pagato due volte e vorrei un rimborso per favore.'],
  ['it', 'Grazie mille'],
  ['it', "Non riesco ad accedere al mio account dall'app"],
  ['nl', 'Hallo, mijn bestelling is nog steeds niet aangekomen. Kunnen jullie kijken wat er aan de hand is?'],
  ['nl', 'Ik heb twee keer betaald en wil graag mijn geld terug.'],
  ['nl', 'Bedankt!'],
  ['nl', 'De app werkt niet meer sinds de update'],
  ['vi', 'Xin chào, tôi đã thanh toán nhưng đơn hàng vẫn chưa được giao.'],
  ['vi', 'Tài khoản của tôi bị khóa, vui lòng hỗ trợ giúp tôi.'],
  ['vi', 'Cảm ơn bạn'],
  ['vi', 'toi khong dang nhap duoc vao tai khoan'],
  ['id', 'Halo kak, pesanan saya belum sampai padahal sudah lima hari.'],
  ['id', 'Saya sudah transfer tapi saldo belum masuk, tolong dicek ya.'],
  ['id', 'Terima kasih'],
  ['id', 'akun saya tidak bisa login'],
  ['tr', 'Merhaba, siparişim hâlâ gelmedi, ne zaman kargoya verilecek?'],
  ['tr', 'Hesabıma giriş yapamıyorum, şifremi sıfırladım ama olmadı.'],
  ['tr', 'Teşekkürler'],
  ['tr', 'Param iade edilmedi, lütfen yardım edin'],
  ['pl', 'Dzień dobry, moje zamówienie jeszcze nie dotarło, co się dzieje?'],
  ['pl', 'Zapłaciłem dwa razy i proszę o zwrot pieniędzy.'],
  ['pl', 'Dziękuję'],
  ['pl', 'Nie mogę zalogować się do aplikacji'],
  ['zh', '你好，我的订单已经一个星期了还没有发货，请帮我查一下。'],
  ['zh', '退款什么时候到账？'],
  ['zh', '谢谢'],
  ['zh', '我的 iPhone 无法登录 App，一直提示密码错误'],
  ['ja', 'こんにちは。注文した商品がまだ届いていません。確認していただけますか？'],
  ['ja', '返金はいつになりますか'],
  ['ja', 'ありがとうございます'],
  ['ja', 'iPhoneのアプリでログインできません'],
  ['ko', '안녕하세요, 주문한 상품이 아직 도착하지 않았습니다.'],
  ['ko', '환불은 언제 처리되나요?'],
  ['ko', '감사합니다'],
  ['ko', '앱에서 로그인이 안 돼요 iPhone 15 사용 중입니다'],
  ['th', 'สวัสดีครับ สินค้าที่สั่งยังไม่ได้รับเลยครับ'],
  ['th', 'ขอคืนเงินได้ไหมคะ'],
  ['th', 'ขอบคุณค่ะ'],
  ['ru', 'Здравствуйте, мой заказ до сих пор не доставлен, помогите пожалуйста.'],
  ['ru', 'Деньги списали дважды, верните один платёж.'],
  ['ru', 'Спасибо'],
  ['ru', 'Не могу войти в аккаунт через Google'],
  ['ar', 'مرحبا، لم يصل طلبي حتى الآن، أرجو المساعدة.'],
  ['ar', 'أريد استرداد المبلغ من فضلك'],
  ['ar', 'شكرا'],
  ['hi', 'नमस्ते, मेरा ऑर्डर अभी तक नहीं आया है।'],
  ['hi', 'मुझे रिफंड चाहिए'],
  ['hi', 'धन्यवाद'],
  ['he', 'שלום, ההזמנה שלי עדיין לא הגיעה.'],
  ['he', 'אני רוצה החזר כספי בבקשה'],
  ['he', 'תודה רבה'],
  ['el', 'Γεια σας, η παραγγελία μου δεν έχει φτάσει ακόμα.'],
  ['el', 'Θέλω επιστροφή χρημάτων παρακαλώ'],
  ['el', 'Ευχαριστώ'],
];

describe('detectLanguage', () => {
  it.each(SUPPORT_MESSAGES)('recognises %s in "%s"', (language, text) => {
    expect(detectLanguage(text).language).toBe(language);
  });

  it('is sure of itself for a long message in one language', () => {
    const result = detectLanguage(
      'Hallo, ich habe meine Bestellung vor zwei Wochen bezahlt und sie ist immer noch nicht angekommen. ' +
        'Können Sie mir bitte sagen, wann sie geliefert wird? Vielen Dank.',
    );
    expect(result).toEqual({ language: 'de', confidence: expect.any(Number) });
    expect(result.confidence).toBeGreaterThan(0.8);
  });

  it.each([
    ['我的订单 order #12345 还没到', 'zh'],
    ['Заказ #123 not delivered yet, пожалуйста помогите', 'ru'],
    ['Hi, my name is Иван and my order has not arrived', 'en'],
    ['iPhoneの画面が割れました', 'ja'],
    ['Ich bin in 東京 und meine Bestellung ist nicht da', 'de'],
    ['中文 and some English words that are much longer than the Chinese', 'en'],
  ])('decides mixed-script text by its main script: "%s" → %s', (text, language) => {
    expect(detectLanguage(text).language).toBe(language);
  });

  it.each([
    ['ok', 'de'],
    ['123456', 'fr'],
    ['iPhone 15 Pro', 'es'],
    ['', 'pt'],
    ['!!!', 'it'],
  ])('falls back to the customer language with low confidence for "%s" (hint %s)', (text, hint) => {
    const result = detectLanguage(text, hint);
    expect(result.language).toBe(hint);
    expect(result.confidence).toBeLessThan(0.3);
  });

  it('falls back to English with lower confidence still when there is no hint', () => {
    expect(detectLanguage('ok')).toEqual({ language: 'en', confidence: 0.1 });
    expect(detectLanguage('OK', undefined).confidence).toBeLessThan(detectLanguage('OK', 'de').confidence);
  });

  it('keeps clear evidence over the hint: a German message from a customer on file as English', () => {
    expect(detectLanguage('Meine Bestellung ist nicht angekommen', 'en').language).toBe('de');
  });

  it('lets the hint settle a close call between related languages', () => {
    // "por favor" is Spanish and Portuguese alike: the customer's own language decides.
    expect(detectLanguage('por favor', 'pt')).toEqual({ language: 'pt', confidence: 0.4 });
    expect(detectLanguage('por favor', 'es')).toEqual({ language: 'es', confidence: 0.4 });
    expect(detectLanguage('por favor', 'de')).toEqual({ language: 'de', confidence: 0.25 });
    expect(detectLanguage('por favor').confidence).toBe(0.3);
  });

  it('uses only the primary subtag of the hint', () => {
    expect(detectLanguage('ok', 'pt-BR').language).toBe('pt');
    expect(detectLanguage('ok', 'not a language').language).toBe('en');
  });

  it.each([
    ['Дякую, замовлення отримав', 'uk', 'uk'],
    ['Дякую, замовлення отримав', undefined, 'ru'],
    ['سلام، سفارش من هنوز نرسیده است', 'fa', 'fa'],
    ['東京駅', 'ja', 'ja'],
    ['東京駅', 'de', 'zh'],
  ])('lets the hint pick a language written in the same script: "%s" (hint %s) → %s', (text, hint, language) => {
    expect(detectLanguage(text, hint).language).toBe(language);
  });

  it('ignores URLs and e-mail addresses', () => {
    expect(detectLanguage('https://shop.example.com/de/die/bestellung the order never came', 'fr').language).toBe('en');
  });

  it('reads only the start of a very long text, so a pasted log cannot slow it down', () => {
    const opening = "Bonjour, je n'ai pas reçu ma commande et le suivi ne marche pas. ".repeat(40);
    const text = `${opening}${'The quoted English newsletter text. '.repeat(5000)}`;
    // The English that follows outweighs the French opening: only a detector that stops reading early answers 'fr'.
    expect(detectLanguage(text).language).toBe('fr');
  });

  it('normalises language tags to their primary subtag', () => {
    const tags = ['pt-BR', 'zh_Hant', ' EN ', '*', undefined];
    expect(tags.map(primaryLanguage)).toEqual(['pt', 'zh', 'en', undefined, undefined]);
  });
});
